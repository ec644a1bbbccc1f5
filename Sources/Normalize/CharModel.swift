/// A character n-gram model of the word forms of one lexicon: how plausible a letter sequence is in
/// the language. A typo usually makes a word less plausible (`бнеилюкс`, `к` among back vowels in Kazakh),
/// while a rare but correct word reads like the language; the typo pass uses the gain in plausibility of a
/// candidate over the unknown word as evidence.
///
/// Trained on the lexicon's types (each form once, so frequent function words do not dominate), order 4
/// with word-boundary marks and stupid-backoff-free interpolation of orders 1–4 (Witten-Bell-like weights).
public struct CharModel: Sendable {
    private let counts: [UInt64: Int32]   // n-gram key (with its order) → count
    private let contextCounts: [UInt64: Int32]
    private let contextTypes: [UInt64: Int32]
    private let alphabetSize: Double
    public static let order = 4

    /// Builds the model from every word of a lexicon.
    public init(lexicon: Lexicon) {
        var alphabet = Set<UInt32>()
        var counts: [UInt64: Int32] = [:]
        var contextCounts: [UInt64: Int32] = [:]
        var contextTypes: [UInt64: Int32] = [:]
        lexicon.forEachEntry { bytes, _ in
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
            for u in scalars { alphabet.insert(u) }
            let padded = [UInt32](repeating: 1, count: CharModel.order - 1) + scalars + [2]
            for i in (CharModel.order - 1)..<padded.count {
                for k in 1...CharModel.order {
                    let ctx = CharModel.key(padded, from: i - k + 1, to: i)      // context: k-1 letters before i
                    let full = CharModel.key(padded, from: i - k + 1, to: i + 1)
                    let old = counts[full, default: 0]
                    if old == 0 { contextTypes[ctx, default: 0] += 1 }
                    counts[full] = old + 1
                    contextCounts[ctx, default: 0] += 1
                }
            }
        }
        self.counts = counts
        self.contextCounts = contextCounts
        self.contextTypes = contextTypes
        alphabetSize = Double(alphabet.count + 1)
    }

    @inline(__always)
    static func key(_ s: [UInt32], from: Int, to: Int) -> UInt64 {
        var h: UInt64 = UInt64(to - from) &+ 1
        for i in from..<to {
            h = h &* 0x100000001B3 ^ UInt64(s[i] & 0xFFFF)
            h = (h << 7) | (h >> 57)
        }
        return h
    }

    /// Log-probability (natural log) of a lowercase word, including its end mark.
    public func logProbability(_ word: [UInt32]) -> Double {
        let padded = [UInt32](repeating: 1, count: CharModel.order - 1) + word + [2]
        var total = 0.0
        for i in (CharModel.order - 1)..<padded.count {
            var p = 1.0 / alphabetSize
            for k in 1...CharModel.order {
                let ctx = CharModel.key(padded, from: i - k + 1, to: i)
                let c = Double(contextCounts[ctx] ?? 0)
                if c == 0 { break }
                let t = Double(contextTypes[ctx] ?? 0)
                let n = Double(counts[CharModel.key(padded, from: i - k + 1, to: i + 1)] ?? 0)
                let lambda = c / (c + t)
                p = lambda * (n / c) + (1 - lambda) * p
            }
            total += log(p)
        }
        return total
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
