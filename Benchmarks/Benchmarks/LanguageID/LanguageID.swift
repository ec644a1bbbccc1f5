import Benchmark
import BenchmarkSupport
import Foundation
import Normalize

/// Language identification of whole paragraphs on one core: the rows of ../shared/corpus/langid-dev.tsv
/// (the set the accuracy report is measured on), 1,000 paragraphs per iteration, so the throughput
/// column × 1,000 reads as paragraphs per second. The goal is 300,000 paragraphs/s.
let benchmarks: @Sendable () -> Void = {
    let url = Workload.shared.appendingPathComponent("corpus/langid-dev.tsv")
    guard let data = FileManager.default.contents(atPath: url.path) else {
        fatalError("benchmark rows \(url.path) not found (set NORMALIZE_SHARED)")
    }
    let paragraphs = String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst()
        .compactMap { $0.split(separator: "\t", maxSplits: 1).last.map(String.init) }
    let perIteration = 1000

    Benchmark("langid detect, 1,000 langid-dev paragraphs per iteration",
              configuration: .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 2,
                                   maxDuration: .seconds(20), maxIterations: 200, thresholds: Workload.thresholds)) { benchmark, identifier in
        var k = 0
        for _ in benchmark.scaledIterations {
            for _ in 0..<perIteration {
                blackHole(identifier.identify(paragraphs[k % paragraphs.count]))
                k += 1
            }
        }
    } setup: {
        try LanguageIdentifier()
    }
}
