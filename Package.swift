// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Normalize",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Normalize", targets: ["Normalize"]),
        .executable(name: "normtool", targets: ["normtool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The only code that includes ICU headers. Its public header uses plain C types only:
        // a Swift module that sees both Foundation's ICU and the system ICU fails to compile.
        .target(
            name: "CNormICU",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
            ]
        ),
        // The files of Rules/, compiled into the binary with C23 #embed (no large Swift literals).
        .target(name: "CNormData"),
        .target(name: "Normalize", dependencies: ["CNormICU", "CNormData"]),
        .executableTarget(
            name: "normtool",
            dependencies: ["Normalize", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize"], exclude: ["Cases"]),
        .testTarget(name: "normtoolTests", dependencies: ["normtool"], exclude: ["Cases"]),
    ],
    cLanguageStandard: .c2x
)
