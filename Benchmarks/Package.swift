// swift-tools-version: 6.1
// The benchmark suite of Normalize: its own package, so the library stays free of benchmark
// dependencies. One executable target per area under Benchmarks/ (see README.md).
import PackageDescription

let package = Package(
    name: "NormalizeBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Normalize", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: ["DumpMaker", .product(name: "Benchmark", package: "benchmark")],
            path: "Support"
        ),
        .target(name: "DumpMaker", path: "DumpMaker"),
        .executableTarget(name: "MakePDFDump", dependencies: ["DumpMaker"], path: "Tools/MakePDFDump"),
        .executableTarget(
            name: "Transliteration",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/Transliteration",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Restore",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/Restore",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "UnicodeRepair",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/UnicodeRepair",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Typos",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/Typos",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LanguageID",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/LanguageID",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Clean",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Normalize", package: "Normalize"),
            ],
            path: "Benchmarks/Clean",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
