import Benchmark
import BenchmarkSupport
import Normalize

/// Typo repair:
/// - "checking": the known-word fast path (lowercased UTF-8 token → lexicon lookups) over the tokens of
///   kk.txt + ru.txt, 1 M tokens per iteration, so the throughput column reads as M tokens/s on one core
///   (goal: ≥ 5);
/// - "pass": `TyposPass` in fix mode on the corpus as written, 64 KB per iteration (eight pieces): every
///   word that is not listed pays for candidate generation, so this is the real end-to-end cost
///   (throughput × 64 KB = bytes/s).
let benchmarks: @Sendable () -> Void = {
    let text = Workload.corpus(["kk.txt", "ru.txt"])

    func configuration(iterations: Int) -> Benchmark.Configuration {
        .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 1,
              maxDuration: .seconds(60), maxIterations: iterations, thresholds: Workload.thresholds)
    }

    // Lowercased words, packed in one buffer with their end offsets.
    var packed: [UInt8] = []
    var ends: [Int] = []
    for word in String(decoding: text.prefix(16 << 20), as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
        packed.append(contentsOf: CyrillicCase.lowercased(String(word.filter { $0.isLetter })).utf8)
        ends.append(packed.count)
    }
    let perIteration = 1_000_000
    Benchmark("typos, checking tokens, M tokens/s", configuration: configuration(iterations: 20)) { benchmark, checker in
        var k = 0
        for _ in benchmark.scaledIterations {
            var known = 0
            packed.withUnsafeBufferPointer { all in
                for _ in 0..<perIteration {
                    let i = k % ends.count
                    let start = i == 0 ? 0 : ends[i - 1]
                    if checker.isListed(UnsafeBufferPointer(rebasing: all[start..<ends[i]])) { known += 1 }
                    k += 1
                }
            }
            blackHole(known)
        }
    } setup: {
        try SpellChecker(rules: .embedded)
    }

    let chunks = Workload.megabyteChunks(text).prefix(8).map { chunk in
        text[chunk].prefix(64 << 10).split(separator: 0x0A).dropLast().enumerated().map {
            Block(kind: .line, text: String(decoding: $1, as: UTF8.self), line: $0 + 1)
        }
    }
    Benchmark("typos, pass on the corpus as written (kk + ru), 64 KB pieces/s", configuration: configuration(iterations: chunks.count)) { benchmark, context in
        var k = 0
        for _ in benchmark.scaledIterations {
            var doc = Document(blocks: chunks[k % chunks.count])
            try TyposPass(mode: .fix).apply(to: &doc, context: context)
            blackHole(doc.edits.count)
            k += 1
        }
    } setup: {
        _ = try SpellChecker(rules: .embedded)
        return PassContext(configuration: .plainText, rules: .embedded)
    }
}
