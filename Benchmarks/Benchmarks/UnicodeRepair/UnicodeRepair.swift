import Benchmark
import BenchmarkSupport
import Normalize

/// Decoding and Unicode repair on `Workload.megabytes` MB of Kazakh and Russian from ../shared/corpus
/// (kk.txt, kk-extra.txt, ru.txt repeated), 1 MB per iteration: the throughput column reads as MB/s.
///
/// The goal (issue 3) is that decoding and Unicode repair add at most 20 % to `clean`: compare
/// "clean --input-layout lines, no decode/unicode" with "clean --input-layout lines" on the same chunks.
let benchmarks: @Sendable () -> Void = {
    let text = Workload.corpus(["kk.txt", "kk-extra.txt", "ru.txt"])
    let chunks = Workload.megabyteChunks(text)
    let context = PassContext(configuration: .plainText, rules: .embedded)

    func configuration(iterations: Int) -> Benchmark.Configuration {
        .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 1,
              maxDuration: .seconds(60), maxIterations: iterations, thresholds: Workload.thresholds)
    }

    Benchmark("decode + unicode pass, MB/s", configuration: configuration(iterations: chunks.count)) { benchmark in
        let pass = UnicodeRepairPass()
        var k = 0
        for _ in benchmark.scaledIterations {
            let bytes = Array(text[chunks[k % chunks.count]])
            k += 1
            let (decoded, report) = try Decoding.decode(bytes, place: "bench")
            var doc = Document(lines: decoded, decoding: report)
            try pass.apply(to: &doc, context: context)
            blackHole(doc)
        }
    }

    var lines = Configuration.plainText
    lines.typos = .off
    var linesWithoutUnicode = lines
    linesWithoutUnicode.unicodeRepair = false
    for (name, config, decode) in [("clean --input-layout lines, no decode/unicode", linesWithoutUnicode, false),
                                   ("clean --input-layout lines", lines, true)] {
        Benchmark("\(name), MB/s", configuration: configuration(iterations: min(chunks.count, 12))) { benchmark in
            let pipeline = Pipeline(configuration: config)
            let ctx = PassContext(configuration: config, rules: .embedded)
            var k = 0
            for _ in benchmark.scaledIterations {
                let bytes = Array(text[chunks[k % chunks.count]])
                k += 1
                let (decoded, report) = decode ? try Decoding.decode(bytes, place: "bench")
                                               : (String(decoding: bytes, as: UTF8.self), DecodingReport(encoding: "UTF-8"))
                blackHole(try pipeline.run(Document(lines: decoded, decoding: report), context: ctx))
            }
        }
    }
}
