import Benchmark
import BenchmarkSupport
import Normalize

/// Kazakh Cyrillic → Latin on `Workload.megabytes` MB of Kazakh built from ../shared/corpus (kk.txt and
/// kk-extra.txt repeated), 1 MB per iteration: the throughput column reads as MB/s on one core.
/// The ICU reference engine on the same rules runs on a smaller share (it is ~30× slower).
let benchmarks: @Sendable () -> Void = {
    let text = Workload.corpus(["kk.txt", "kk-extra.txt"])
    let chunks = Workload.megabyteChunks(text)

    func configuration(iterations: Int) -> Benchmark.Configuration {
        .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 1,
              maxDuration: .seconds(60), maxIterations: iterations, thresholds: Workload.thresholds)
    }

    for scheme in [TransliterationScheme.kk2021, .kk2018, .bgn] {
        Benchmark("translit \(scheme.rawValue) byte engine, MB/s", configuration: configuration(iterations: chunks.count)) { benchmark, engine in
            var output = [UInt8](repeating: 0, count: engine.outputCapacity(forInputCount: 2 << 20))
            var k = 0
            for _ in benchmark.scaledIterations {
                let r = chunks[k % chunks.count]
                k += 1
                let n = text.withUnsafeBufferPointer { all in
                    output.withUnsafeMutableBufferPointer { engine.transliterate(UnsafeBufferPointer(rebasing: all[r]), into: $0.baseAddress!) }
                }
                blackHole(n)
            }
        } setup: {
            try KazakhTransliterator(scheme: scheme)
        }
    }

    Benchmark("translit kk-2021 ICU reference, MB/s", configuration: configuration(iterations: min(chunks.count, 8))) { benchmark, icu in
        var k = 0
        for _ in benchmark.scaledIterations {
            blackHole(try icu.transliterateLines(Array(text[chunks[k % chunks.count]])))
            k += 1
        }
    } setup: {
        try KazakhTransliterator(scheme: .kk2021).referenceICU()
    }
}
