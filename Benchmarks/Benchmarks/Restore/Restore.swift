import Benchmark
import BenchmarkSupport
import Normalize

/// Restoring Kazakh letters (`KazakhLetterRestorer`, what `normtool restore` runs per line), 1 MB per
/// iteration, so the throughput column reads as MB/s on one core:
/// - on Kazakh typed without its letters (kk.txt and kk-extra.txt with ә→а, қ→к, і→и, …): every word
///   goes through the lexicon or the letter model, the worst case;
/// - on the corpus as written (Kazakh and Russian): paragraphs are only checked and left alone.
let benchmarks: @Sendable () -> Void = {
    let kazakh = Workload.corpus(["kk.txt", "kk-extra.txt"])
    let typed = russianKeyboard(kazakh)
    let asWritten = Workload.corpus(["kk.txt", "ru.txt"])

    func configuration(iterations: Int) -> Benchmark.Configuration {
        .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 1,
              maxDuration: .seconds(60), maxIterations: iterations, thresholds: Workload.thresholds)
    }

    for (name, text) in [("Kazakh typed without its letters", typed), ("corpus as written (kk + ru)", asWritten)] {
        let lines = Workload.megabyteChunks(text).map { chunk in
            text[chunk].split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        }
        Benchmark("restore, \(name), MB/s", configuration: configuration(iterations: lines.count)) { benchmark, model in
            var restorer = KazakhLetterRestorer(model: model)
            var k = 0
            for _ in benchmark.scaledIterations {
                for line in lines[k % lines.count] {
                    blackHole(restorer.restore(line, recordChanges: false).text)
                }
                k += 1
            }
        } setup: {
            try KazakhRestorationModel(rules: .embedded)
        }
    }
}

/// Kazakh as typed on a Russian keyboard: every ә ғ қ ң ө ұ ү һ і (either case) replaced by а г к н о у у х и.
func russianKeyboard(_ bytes: [UInt8]) -> [UInt8] {
    var out = String.UnicodeScalarView()
    for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
        let c = KazakhLetters.code(s.value)
        if KazakhLetters.isKazakhSpecific(c) {
            out.append(Unicode.Scalar(KazakhLetters.scalar(KazakhLetters.skeleton(c), uppercase: KazakhLetters.isUppercase(s.value)))!)
        } else {
            out.append(s)
        }
    }
    return Array(String(out).utf8)
}
