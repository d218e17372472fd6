// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Rapport",
    // Linux is where it is built and tested; the POSIX calls have their Darwin spelling (SiteWriter,
    // Files), so macOS 14 is claimed for what compiles there in principle.
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .library(name: "RapportCore", targets: ["RapportCore"]),
        .library(name: "SVGCharts", targets: ["SVGCharts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", .upToNextMinor(from: "1.8.2")),
        // The preview server (`rapport serve`): HummingbirdCore only (SwiftNIO's HTTP/1 parser with
        // size limits, idle timeouts), without its default traits (swift-configuration).
        .package(url: "https://github.com/hummingbird-project/hummingbird", .upToNextMinor(from: "2.28.1"), traits: []),
        // Already in the graph through Hummingbird; named here because RapportServe imports them.
        .package(url: "https://github.com/apple/swift-nio", .upToNextMinor(from: "2.101.2")),
        .package(url: "https://github.com/apple/swift-nio-extras", .upToNextMinor(from: "1.35.2")),
        .package(url: "https://github.com/apple/swift-http-types", .upToNextMinor(from: "1.8.0")),
        .package(url: "https://github.com/apple/swift-log", .upToNextMinor(from: "1.16.2")),
    ],
    targets: [
        // The C library cmark-gfm (Debian: libcmark-gfm-dev), found with pkg-config.
        // Only Sources/RapportCore/Markdown/MarkdownTree.swift imports it.
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The C library librsvg (Debian: librsvg2-dev) with cairo, found with pkg-config: charts'
        // pictures as PNG. Only Sources/RapportCore/Output/SVGRaster.swift imports it.
        .systemLibrary(
            name: "CRSVG",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev"])]
        ),
        // The C library libyaml (Debian: libyaml-dev), found with pkg-config: YAML read event by
        // event, and written. Only Sources/RapportBase/LibYAML.swift imports it.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // Leaf module: chart description in, SVG text out. No I/O, no dependencies.
        .target(name: "SVGCharts"),
        // Leaf module: Mustache templates compiled once, rendered into bytes from typed values
        // (the official specification's required modules). No dependencies.
        .target(name: "MustacheEngine"),
        // Compiler-style diagnostics (file:line:column: error: …) shared by every stage.
        .target(name: "Diagnostics"),
        // What every stage reads with: source files and their text (listing, reading, UTF-8, lines,
        // invisible characters), the YAML reader with locations, `Language` and `Localized`,
        // text helpers, `parallelMap`.
        .target(
            name: "RapportBase",
            dependencies: ["CLibYAML", "Diagnostics"]
        ),
        // Dataset files (YAML + CSV) -> validated Dataset values with source locations.
        .target(
            name: "SurveyData",
            dependencies: ["Diagnostics", "RapportBase", "SVGCharts"]
        ),
        // The build pipeline: load -> check -> render -> write.
        .target(
            name: "RapportCore",
            dependencies: [
                "CCMarkGFM", "CRSVG", "Diagnostics", "MustacheEngine", "RapportBase", "SVGCharts", "SurveyData",
            ]
        ),
        // The editors' preview server: serves the built site, rebuilds on change, reloads the browser.
        .target(
            name: "RapportServe",
            dependencies: [
                "RapportCore", "Diagnostics", "RapportBase",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The thin command line.
        .executableTarget(
            name: "rapport",
            dependencies: [
                "RapportCore", "RapportServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: in-process timings of chart rendering and site builds.
        .executableTarget(name: "rapport-bench", dependencies: ["RapportCore", "RapportBase", "SVGCharts", "SurveyData"], path: "Sources/RapportBench"),
        // What the fuzz targets share: libFuzzer's driver, or a replay of crash files.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        // `make fuzz`: libFuzzer over the dataset parser (built with -sanitize=fuzzer -DFUZZING).
        .executableTarget(name: "fuzz-datasets", dependencies: ["SurveyData", "FuzzSupport"], path: "Sources/FuzzDatasets"),
        // `make fuzz`: libFuzzer over the Markdown stage with placeholders, through the real build.
        .executableTarget(
            name: "fuzz-markdown", dependencies: ["RapportCore", "FuzzSupport"], path: "Sources/FuzzMarkdown",
            exclude: ["markdown.dict"]),
        // `make fuzz`: libFuzzer over image sizes (ImageSize, the SVG script check) and references
        // between datasets (ReferenceResolver through DatasetLoader).
        .executableTarget(
            name: "fuzz-images-references", dependencies: ["RapportCore", "SurveyData", "FuzzSupport"],
            path: "Sources/FuzzImagesReferences", exclude: ["images-references.dict"]),
        // Golden files for the tests (RECORD_SNAPSHOTS=1 re-records them).
        .target(name: "GoldenFiles", path: "Tests/GoldenFiles"),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts", "GoldenFiles"], exclude: ["__Snapshots__"]),
        .testTarget(name: "MustacheEngineTests", dependencies: ["MustacheEngine"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "RapportBaseTests", dependencies: ["RapportBase"]),
        .testTarget(name: "SurveyDataTests", dependencies: ["SurveyData", "RapportBase", "Diagnostics"]),
        // Writes small sites from inline files for the end-to-end tests.
        .target(name: "RapportTestSupport", dependencies: ["RapportCore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "RapportCoreTests",
            dependencies: ["RapportCore", "RapportBase", "SurveyData", "SVGCharts", "Diagnostics", "RapportTestSupport", "GoldenFiles"],
            exclude: ["__Snapshots__"]),
        .testTarget(
            name: "RapportServeTests", dependencies: ["RapportServe", "RapportCore", "RapportTestSupport"],
            exclude: ["load_test.py", "browser_reload.mjs"]
        ),
    ]
)
