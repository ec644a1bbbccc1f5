import Benchmark
import DumpMaker
import Foundation

/// What every area's benchmarks share: where the corpus is, how big the workload is, which metrics
/// gate CI.
public enum Workload {
    /// `../shared` next to the repository (NORMALIZE_SHARED overrides).
    public static let shared: URL = {
        if let env = ProcessInfo.processInfo.environment["NORMALIZE_SHARED"] { return URL(fileURLWithPath: env) }
        return URL(fileURLWithPath: #filePath)  // Benchmarks/Support/Workload.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// Workload size in MB: 100 by default (the goal run); CI sets NORMALIZE_BENCH_MB smaller.
    public static let megabytes: Int = {
        ProcessInfo.processInfo.environment["NORMALIZE_BENCH_MB"].flatMap(Int.init) ?? 100
    }()

    /// `files` of `../shared/corpus` concatenated and repeated up to `megabytes`, cut at a line end.
    public static func corpus(_ files: [String]) -> [UInt8] {
        var one: [UInt8] = []
        for f in files {
            guard let d = FileManager.default.contents(atPath: shared.appendingPathComponent("corpus").appendingPathComponent(f).path) else {
                fatalError("benchmark corpus \(f) not found under \(shared.path)/corpus (set NORMALIZE_SHARED)")
            }
            one.append(contentsOf: d)
        }
        let target = megabytes << 20
        var out: [UInt8] = []
        out.reserveCapacity(target + one.count)
        while out.count < target { out.append(contentsOf: one) }
        let cut = out[..<target].lastIndex(of: 0x0A).map { $0 + 1 } ?? target
        return Array(out[..<cut])
    }

    /// A PDF-like dump (`PDFDump`) of about `megabytes` MB built from the paragraphs of kk.txt,
    /// kk-extra.txt and ru.txt: documents of 24 Kazakh paragraphs then 24 Russian ones (like the bundled
    /// sample), each in its own layout style.
    public static func pdfDump(megabytes: Int = Workload.megabytes) -> [UInt8] {
        PDFDump.make(megabytes: megabytes, corpus: shared.appendingPathComponent("corpus").path)
    }

    /// `bytes` split into chunks of about 1 MB ending at a line end: one benchmark iteration each, so
    /// that throughput in iterations per second reads as MB/s.
    public static func megabyteChunks(_ bytes: [UInt8]) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = min(start + (1 << 20), bytes.count)
            while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }

    /// Metrics. A normal run reports throughput, wall clock and CPU time with the allocation count.
    /// The CI gate (NORMALIZE_BENCH_GATE=1) records only the deterministic count, allocations, so that
    /// a busy machine cannot fail it (instructions are gated by `callgrind-gate.sh`, which works where
    /// perf counters do not).
    public static var metrics: [BenchmarkMetric] {
        gate ? [.mallocCountTotal] : [.throughput, .wallClock, .cpuUser, .mallocCountTotal]
    }

    public static var gate: Bool {
        ProcessInfo.processInfo.environment["NORMALIZE_BENCH_GATE"] == "1"
    }

    /// Regression thresholds for `baseline check`: allocations per iteration more than 2 % above the
    /// baseline fail. Counts drift by about 0.2 % between runs (hash seeds, buffer growth), so an absolute
    /// threshold of a few allocations made the gate flaky; 2 % still catches a per-word or per-line allocation.
    public static var thresholds: [BenchmarkMetric: BenchmarkThresholds] {
        [.mallocCountTotal: BenchmarkThresholds(relative: [.p50: 2.0, .p90: 2.0])]
    }
}
