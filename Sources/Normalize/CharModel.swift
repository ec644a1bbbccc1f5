/// A character n-gram model of the word forms of one lexicon: how plausible a letter sequence is in
/// the language. A typo usually makes a word less plausible (`бнеилюкс`, `к` among back vowels in Kazakh),
/// while a rare but correct word reads like the language; the typo pass uses the gain in plausibility of a
/// candidate over the unknown word as evidence.
///
/// Trained on the lexicon's types (each form once, so frequent function words do not dominate), order 4
/// with word-boundary marks and stupid-backoff-free interpolation of orders 1–4 (Witten-Bell-like weights).
public struct CharModel: Sendable {
    /// Counts of one n-gram key: as a full n-gram, and as the context of longer ones (how often, and how
    /// many different letters follow it).
    struct Counts: BitwiseCopyable, Sendable {
        var count: Int32 = 0
        var contextCount: Int32 = 0
        var contextTypes: Int32 = 0
    }

    private let grams: UInt64Map<Counts>   // n-gram key (with its order) → counts
    private let alphabetSize: Double
    public static let order = 4

    /// Builds the model from every word of a lexicon.
    public init(lexicon: Lexicon) {
        var alphabet = Set<UInt32>()      // letters beyond U+04FF
        var seen = [Bool](repeating: false, count: 0x500)
        var grams = UInt64Map<Counts>(capacity: 1 << 16, empty: Counts())
        var padded: [UInt32] = []
        lexicon.forEachEntry { bytes, _ in
            padded.removeAll(keepingCapacity: true)
            padded.append(contentsOf: repeatElement(1, count: CharModel.order - 1))
            for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                if s.value < 0x500 { seen[Int(s.value)] = true } else { alphabet.insert(s.value) }
                padded.append(s.value)
            }
            padded.append(2)
            for i in (CharModel.order - 1)..<padded.count {
                for k in 1...CharModel.order {
                    let ctx = CharModel.key(padded, from: i - k + 1, to: i)      // context: k-1 letters before i
                    let full = CharModel.key(padded, from: i - k + 1, to: i + 1)
                    let new = grams.update(full) { g in
                        g.count += 1
                        return g.count == 1
                    }
                    grams.update(ctx) { g in
                        g.contextCount += 1
                        if new { g.contextTypes += 1 }
                    }
                }
            }
        }
        self.grams = grams
        alphabetSize = Double(alphabet.count + seen.lazy.filter { $0 }.count + 1)
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
                let context = grams[CharModel.key(padded, from: i - k + 1, to: i)]
                let c = Double(context.contextCount)
                if c == 0 { break }
                let t = Double(context.contextTypes)
                let n = Double(grams[CharModel.key(padded, from: i - k + 1, to: i + 1)].count)
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
