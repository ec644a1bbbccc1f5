import Foundation
import Testing
@testable import Normalize

/// The byte-level parse of `Rules/unicode/letter-trigrams.tsv` (`parsePlain`) must give exactly what
/// the general, Character-level definition (`parseGeneral`) gives, and leave to it every file it does
/// not plainly understand, so that errors stay the same.
@Suite struct LetterTrigramModelTests {
    typealias Parsed = ([String], [[UInt64: Int32]], [[UInt64: Int32]])

    static func same(_ a: Parsed, _ b: Parsed) -> Bool { a.0 == b.0 && a.1 == b.1 && a.2 == b.2 }

    /// parsePlain's answer if it has one, else the general parse's; either way it must match the
    /// general parse (same tables, or the same error).
    static func checkEquivalent(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let general: Result<Parsed, NormalizeError>
        do { general = .success(try LetterTrigramModel.parseGeneral(text, path: "t.tsv")) } catch let e as NormalizeError {
            general = .failure(e)
        } catch { Issue.record("unexpected \(error)"); return }
        guard let plain = LetterTrigramModel.parsePlain(text) else { return }  // falls back: same by construction
        switch general {
        case .success(let g): #expect(same(plain, g), "plain parse differs", sourceLocation: sourceLocation)
        case .failure(let e): Issue.record("plain parse accepted what the general parse rejects: \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func embeddedFileTakesThePlainPathAndMatches() throws {
        let text = try RuleStore.embedded.text("unicode/letter-trigrams.tsv")
        let plain = try #require(LetterTrigramModel.parsePlain(text))
        let general = try LetterTrigramModel.parseGeneral(text, path: "t.tsv")
        #expect(plain.0.count >= 10)
        #expect(plain.1.reduce(0) { $0 + $1.count } > 40_000)
        #expect(Self.same(plain, general))
    }

    @Test func unusualLinesGiveTheSameResultOrTheSameError() throws {
        let text = try RuleStore.embedded.text("unicode/letter-trigrams.tsv")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(400).map(String.init)
        // Each variant changes one line in a way the plain parse must either read exactly as the
        // general one does or hand over to it.
        let variants: [(String) -> String] = [
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])\t+\(f[2])" : $0 },
            { $0 + "\r" }, { "#\u{301}" + $0 }, { "# " + $0 }, { $0 + "\t" }, { "\t" + $0 },
            { $0.replacingOccurrences(of: "kk", with: "қз") }, { $0.replacingOccurrences(of: "kk", with: "") },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])\t0" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])\t0000000007" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])\t99999999999" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])x\t\(f[2])" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1].dropLast())\t\(f[2])" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1].dropLast())𝔞\t\(f[2])" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1].dropLast())\u{301}\t\(f[2])" : $0 },
            { let f = $0.split(separator: "\t"); return f.count == 3 ? "\(f[0])\t\(f[1])\t\(f[2]) " : $0 },
            { _ in "" }, { $0 + "\n" },
        ]
        var rng = SplitMix64(seed: 2026)
        for v in variants {
            for _ in 0..<4 {
                var l = lines
                let i = Int.random(in: 0..<l.count, using: &rng)
                l[i] = v(l[i])
                Self.checkEquivalent(l.joined(separator: "\n"))
            }
        }
        Self.checkEquivalent(lines.joined(separator: "\r\n"))
        Self.checkEquivalent("kk\tабв\t3\nru\tабв\t4\nkk\tабв\t5\n")
        Self.checkEquivalent("# only comments\n\n#\n")
    }
}

/// A small seeded generator: randomized tests that replay the same way on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
