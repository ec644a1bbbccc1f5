import Testing
@testable import Normalize

@Suite struct UTF8ValidationTests {
    @Test func validKazakhTextHasNoInvalidOffset() {
        #expect(firstInvalidUTF8Offset(Array("Қазақстан Республикасы, 2021-жыл 🇰🇿".utf8)) == nil)
    }

    @Test(arguments: [
        ([0x41, 0xFF, 0x42], 1),                 // a byte that never appears in UTF-8
        ([0xD2, 0x9B, 0xC0, 0x80], 2),           // overlong NUL after a valid қ
        ([0xED, 0xA0, 0x80], 0),                 // encoded surrogate
        ([0x41, 0xE2, 0x82], 1),                 // truncated at the end
        ([0xF4, 0x90, 0x80, 0x80], 0),           // above U+10FFFF
    ] as [([UInt8], Int)])
    func invalidSequencesAreFoundAtTheirOffset(bytes: [UInt8], offset: Int) {
        #expect(firstInvalidUTF8Offset(bytes) == offset)
    }

    @Test func decodingReportsEveryInvalidByteAndRejectsBinary() throws {
        let (text, report) = try Decoding.decodeUTF8([0xEF, 0xBB, 0xBF, 0xD0, 0xB0, 0xFF, 0x0A], place: "t")
        #expect(text == "а\u{FFFD}\n")
        #expect(report.hadBOM)
        #expect(report.invalidByteOffsets == [5])
        #expect(throws: NormalizeError.self) { try Decoding.decodeUTF8([0x41, 0x00, 0x42], place: "t") }
    }

    /// The plain definition (Unicode Table 3-7, well-formed byte sequences), one byte at a time.
    static func referenceFirstInvalid(_ b: [UInt8]) -> Int? {
        var i = 0
        func inRange(_ k: Int, _ lo: UInt8, _ hi: UInt8) -> Bool { k < b.count && b[k] >= lo && b[k] <= hi }
        while i < b.count {
            let b0 = b[i]
            var len = 0
            switch b0 {
            case 0x00...0x7F: len = 1
            case 0xC2...0xDF: len = inRange(i + 1, 0x80, 0xBF) ? 2 : 0
            case 0xE0: len = inRange(i + 1, 0xA0, 0xBF) && inRange(i + 2, 0x80, 0xBF) ? 3 : 0
            case 0xE1...0xEC, 0xEE, 0xEF: len = inRange(i + 1, 0x80, 0xBF) && inRange(i + 2, 0x80, 0xBF) ? 3 : 0
            case 0xED: len = inRange(i + 1, 0x80, 0x9F) && inRange(i + 2, 0x80, 0xBF) ? 3 : 0
            case 0xF0: len = inRange(i + 1, 0x90, 0xBF) && inRange(i + 2, 0x80, 0xBF) && inRange(i + 3, 0x80, 0xBF) ? 4 : 0
            case 0xF1...0xF3:
                len = inRange(i + 1, 0x80, 0xBF) && inRange(i + 2, 0x80, 0xBF) && inRange(i + 3, 0x80, 0xBF) ? 4 : 0
            case 0xF4: len = inRange(i + 1, 0x80, 0x8F) && inRange(i + 2, 0x80, 0xBF) && inRange(i + 3, 0x80, 0xBF) ? 4 : 0
            default: len = 0
            }
            if len == 0 { return i }
            i += len
        }
        return nil
    }

    /// Every byte where the plain definition finds no valid sequence, skipping one byte each time.
    static func referenceInvalidOffsets(_ b: [UInt8]) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < b.count {
            guard let bad = referenceFirstInvalid(Array(b[i...])) else { break }
            out.append(i + bad)
            i += bad + 1
        }
        return out
    }

    /// Random text made of runs of ASCII, Cyrillic and other valid sequences with, now and then, an
    /// overlong, a surrogate, a stray or missing continuation byte, or a sequence cut by the buffer
    /// end: the word-at-a-time path must find exactly the offset the plain definition finds, at every
    /// start and end of the buffer.
    @Test func fastPathAgreesWithTheByteByByteDefinition() {
        var rng = SplitMix64(seed: 7)
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(" ".utf8), Array("Abc12345".utf8), Array("қ".utf8), Array("ж".utf8),
            Array("ё".utf8), Array("é".utf8), Array("߿".utf8), Array("€".utf8), Array("\u{FFFD}".utf8),
            Array("🇰🇿".utf8), Array("\u{10FFFF}".utf8), Array("\u{D7FF}".utf8), Array("\u{E000}".utf8),
        ]
        let bad: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE],
            [0x80], [0xBF], [0xC2], [0xD0], [0xE2, 0x82], [0xF0, 0x9F], [0xF0, 0x9F, 0x87], [0xD0, 0xD0],
            [0xD0, 0x41], [0xC2, 0xC0, 0x80],
        ]
        var checked = 0
        for round in 0..<3000 {
            var b: [UInt8] = []
            let target = Int.random(in: 0...80, using: &rng)
            let cyrillicHeavy = round % 3 == 0
            while b.count < target {
                let r = Int.random(in: 0..<100, using: &rng)
                if r < 2 { b += bad.randomElement(using: &rng)! }
                else if cyrillicHeavy && r < 80 { b += pieces[Int.random(in: 3...5, using: &rng)] }
                else if r < 8 { b.append(UInt8.random(in: 0...255, using: &rng)) }
                else { b += pieces.randomElement(using: &rng)! }
            }
            // Every slice start and end near the buffer's ends: truncations and misaligned words.
            for lo in 0..<min(4, b.count + 1) {
                for hi in max(lo, b.count - 4)...b.count {
                    let slice = Array(b[lo..<hi])
                    #expect(firstInvalidUTF8Offset(slice) == Self.referenceFirstInvalid(slice), "\(slice)")
                    #expect(slice.withUnsafeBufferPointer { invalidUTF8Runs($0) }.map(\.offset)
                            == Self.referenceInvalidOffsets(slice), "\(slice)")
                    checked += 1
                }
            }
        }
        // Every two-byte lead (C0...DF) with every continuation-or-not second byte, inside a word.
        for lead in UInt8(0xC0)...0xDF {
            for second in [UInt8(0x41), 0x7F, 0x80, 0xBF, 0xC0, 0xD0] {
                for at in 0..<8 {
                    var b = Array(repeating: UInt8(0xD0), count: 16)
                    for k in stride(from: 1, to: 16, by: 2) { b[k] = 0xB0 }
                    b[2 * at] = lead
                    b[2 * at + 1] = second
                    #expect(firstInvalidUTF8Offset(b) == Self.referenceFirstInvalid(b), "\(b)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    /// Real corpus text is valid, and one bad byte planted anywhere in it is found where it is.
    @Test func corpusTextWithOneBadByte() throws {
        let text = Array("Қазақстан Республикасының астанасы – Астана. Kazakhstan 2021 🇰🇿 Ресей, Мәскеу.\n".utf8)
        #expect(firstInvalidUTF8Offset(text) == nil)
        for at in text.indices {
            var b = text
            b[at] = 0xFF
            #expect(firstInvalidUTF8Offset(b) == Self.referenceFirstInvalid(b))
            #expect(Self.referenceFirstInvalid(b)! <= at)
        }
    }
}
