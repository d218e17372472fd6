// rapport-bench: the in-process half of `make bench` (issue 8; bench/run.py drives it).
//
//   rapport-bench chart [--iterations N] [--content DIR] [--dataset ID] [--language nl|fr]
//       Renders the same chart (by default the study's 14 × 5 stacked-bar chart
//       `challenges-frequency`, as the site draws it) N times in this process and prints one JSON
//       line: median / mean / min / p90 per chart in nanoseconds, and the SVG size.
//
//   rapport-bench build [--runs N] [--content DIR] [--templates DIR] [--output DIR] [--no-write]
//       Runs the whole pipeline N times in this process (the first run is the cold one) and prints
//       one JSON line with every run's seconds. For profiling and for separating process start-up
//       from the pipeline; wall time and peak memory of a fresh process are measured by run.py.
//
// Exit status: 0 on success, 1 when a build has errors or the chart cannot be drawn, 2 on a
// usage error.

import Foundation
import RapportBase
import RapportCore
import SVGCharts
import SurveyData

struct UsageError: Error { var message: String }

/// `--name value` pairs and `--flag`s after the subcommand.
struct Arguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>, flags known: Set<String>) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("--") else { throw UsageError(message: "unexpected argument \"\(argument)\"") }
            let name = String(argument.dropFirst(2))
            if known.contains(name) { flags.insert(name); continue }
            guard let value = iterator.next() else { throw UsageError(message: "\(argument) needs a value") }
            values[name] = value
        }
    }

    func string(_ name: String, default value: String) -> String { values[name] ?? value }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number > 0 else { throw UsageError(message: "--\(name) must be a positive integer") }
        return number
    }
}

extension Duration {
    var nanoseconds: Double { Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9 }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count - 1)).rounded())))
    return sorted[index]
}

func median(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

func json(_ object: [String: Any]) -> String {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

// MARK: chart

func chartCommand(_ arguments: Arguments) throws -> Int32 {
    let iterations = try arguments.int("iterations", default: 2000)
    let content = URL(fileURLWithPath: arguments.string("content", default: "Content"))
    let id = arguments.string("dataset", default: "challenges-frequency")
    guard let language = Language(code: arguments.string("language", default: "nl")) else {
        throw UsageError(message: "--language must be nl or fr")
    }
    let (datasets, problems, _) = DatasetLoader(directory: content.appendingPathComponent("data")).load()
    if let error = problems.first(where: { $0.severity == .error }) {
        FileHandle.standardError.write(Data("\(error.detailed)\n".utf8))
        return 1
    }
    guard let dataset = datasets[id] else {
        FileHandle.standardError.write(Data("rapport-bench: no dataset \"\(id)\" in \(content.path)/data\n".utf8))
        return 1
    }
    let chart = dataset.chart(in: language, id: "chart-\(dataset.id)")
    let clock = ContinuousClock()
    // The first render (cold caches, lazy globals) is reported apart and not in the median.
    var svg = ""
    let first = try clock.measure { svg = try chart.svg() }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    var bytes = 0
    let total = try clock.measure {
        for _ in 0..<iterations {
            let start = clock.now
            let output = try chart.svg()
            samples.append((clock.now - start).nanoseconds)
            bytes &+= output.utf8.count
        }
    }
    precondition(bytes == svg.utf8.count * iterations, "the chart must render the same SVG every time")
    let sorted = samples.sorted()
    print(
        json([
            "tool": "svgcharts", "dataset": id, "language": language.code,
            "categories": chart.categories.count, "series": chart.series.count,
            "iterations": iterations, "svg_bytes": svg.utf8.count,
            "first_ns": first.nanoseconds, "median_ns": median(sorted), "mean_ns": sorted.reduce(0, +) / Double(sorted.count),
            "min_ns": sorted.first ?? 0, "p90_ns": percentile(sorted, 0.9), "total_s": total.nanoseconds / 1e9,
        ]))
    return 0
}

// MARK: build

func buildCommand(_ arguments: Arguments) throws -> Int32 {
    let runs = try arguments.int("runs", default: 1)
    let output = URL(fileURLWithPath: arguments.string("output", default: "/tmp/rapport-bench-public"))
    let options = Pipeline.Options(
        content: URL(fileURLWithPath: arguments.string("content", default: "Content")),
        templates: URL(fileURLWithPath: arguments.string("templates", default: "Templates")),
        destination: arguments.flags.contains("no-write") ? .memory : .folder(output))
    var seconds: [Double] = []
    var last: Pipeline.Result?
    for _ in 0..<runs {
        let result = Pipeline(options).run()
        if !result.succeeded {
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                FileHandle.standardError.write(Data("\(diagnostic.detailed)\n".utf8))
            }
            if let failure = result.failure { FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8)) }
            return 1
        }
        seconds.append(result.seconds)
        last = result
    }
    let pages = last.map { $0.pages.values.reduce(0, +) } ?? 0
    print(
        json([
            "tool": "rapport-inprocess", "runs": runs, "seconds": seconds, "pages": pages,
            "charts": last?.charts ?? 0, "files": last?.written.files ?? 0,
            "bytes": last?.written.bytes ?? 0,
            "median_s": median(seconds.sorted()),
        ]))
    return 0
}

// MARK: main

let usage = """
    usage: rapport-bench chart [--iterations N] [--content DIR] [--dataset ID] [--language nl|fr]
           rapport-bench build [--runs N] [--content DIR] [--templates DIR] [--output DIR] [--no-write]
    """

let argv = CommandLine.arguments
do {
    switch argv.dropFirst().first {
    case "chart": exit(try chartCommand(Arguments(argv.dropFirst(2), flags: [])))
    case "build": exit(try buildCommand(Arguments(argv.dropFirst(2), flags: ["no-write"])))
    case "-h", "--help", "help": print(usage); exit(0)
    default: throw UsageError(message: "unknown or missing command")
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("rapport-bench: \(error.message)\n\(usage)\n".utf8))
    exit(2)
} catch let error as ChartError {
    FileHandle.standardError.write(Data("rapport-bench: cannot draw the chart: \(error.message)\n".utf8))
    exit(1)
}
