import Benchmark
import BenchmarkSupport
import Normalize

/// `normtool clean` in process on a PDF-like dump (`PDFDump`: real kk and ru paragraphs from
/// ../shared/corpus, hard-broken lines, line-end hyphens, justified gaps, page breaks with running
/// headers and page numbers, footnotes with URLs), one document of about 1 MB per iteration, so the
/// throughput column reads as MB/s on one core (issue 5 goal: ≥ 100 MB/s):
/// - the whole pipeline from bytes (decode → unicode → layout → reflow → spacing → language), with
///   `--typos off --no-restore` and with the defaults (typos fix, restore);
/// - each pass alone, on the document as the passes before it left it.
let benchmarks: @Sendable () -> Void = {
    let dump = Workload.pdfDump()
    let chunks = Workload.megabyteChunks(dump)

    func configuration(iterations: Int) -> Benchmark.Configuration {
        .init(metrics: Workload.metrics, timeUnits: .milliseconds, warmupIterations: 1,
              maxDuration: .seconds(60), maxIterations: iterations, thresholds: Workload.thresholds)
    }

    var layoutOnly = Configuration.pdfDump
    layoutOnly.typos = .off
    layoutOnly.restoreKazakhLetters = false
    // The defaults pay ~10 s per MB in the typo pass (unknown words): two iterations keep the run short.
    for (name, config, iterations) in [("clean --typos off --no-restore", layoutOnly, 12), ("clean (defaults)", Configuration.pdfDump, 2)] {
        Benchmark("\(name), pdf dump, MB/s", configuration: configuration(iterations: min(chunks.count, iterations))) { (benchmark: Benchmark, context: PassContext) in
            let pipeline = Pipeline(configuration: config)
            var k = 0
            for _ in benchmark.scaledIterations {
                let bytes = Array(dump[chunks[k % chunks.count]])
                k += 1
                let (text, report) = try Decoding.decode(bytes, place: "bench")
                blackHole(try pipeline.run(Document(lines: text, decoding: report), context: context))
            }
        } setup: {
            let context = PassContext(configuration: config, rules: .embedded)
            // Load the lexicons and models outside the measured loop.
            _ = try Pipeline(configuration: config).run(Document(lines: "Сынақ мәтін.\n"), context: context)
            return context as PassContext
        }
    }

    // Each pass of the default pipeline on the document the passes before it produced.
    let config = Configuration.pdfDump
    let passes = Pipeline(configuration: config).passes
    let sample = Array(chunks.prefix(2))
    for (index, pass) in passes.enumerated() {
        let iterations = pass.name == "typos" ? 2 : 8
        Benchmark("pass \(pass.name), pdf dump, MB/s", configuration: configuration(iterations: iterations)) { (benchmark: Benchmark, prepared: (PassContext, [Document])) in
            let (context, documents) = prepared
            var k = 0
            for _ in benchmark.scaledIterations {
                var doc = documents[k % documents.count]
                k += 1
                try pass.apply(to: &doc, context: context)
                blackHole(doc)
            }
        } setup: {
            let context = PassContext(configuration: config, rules: .embedded)
            let before = Pipeline(passes: Array(passes[..<index]))
            let documents = try sample.map { chunk in
                let (text, report) = try Decoding.decode(Array(dump[chunk]), place: "bench")
                return try before.run(Document(lines: text, decoding: report), context: context)
            }
            return (context, documents)
        }
    }
}
