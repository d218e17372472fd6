import ArgumentParser
import Foundation
import RapportCore
import RapportServe

/// The command line: parse arguments, run the pipeline, print diagnostics and one summary line.
@main
struct Rapport: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the report site, in each of its languages, from Content/ and Templates/.",
        subcommands: [Build.self, Check.self, Pdf.self, Serve.self, New.self, TranslationsCommand.self], defaultSubcommand: Build.self)

    /// Exit 0 on success, 1 when the input has errors, 2 on a usage error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == ExitCode(1) { exit(withError: error) }
            TerminalOutput.write(text: fullMessage(for: error), error: true)
            Foundation.exit(2)
        }
    }
}

struct Folders: ParsableArguments {
    @Option(help: "The content folder (site.yml, nl/, fr/, i18n/, data/).") var content = "Content"
    @Option(help: "The templates folder (*.mustache, partials/, assets/).") var templates = "Templates"
    @Option(help: "The output folder, replaced as a whole by a successful build.") var output = "Public"
    @Flag(help: "Print the time each stage took.") var timings = false
    @Option(help: "The site's address for this build only (staging), instead of baseURL in site.yml.") var baseURL: String?
    @Flag(help: "A translation behind its source is an error, not a warning (for CI before publishing).") var strict = false

    func validate() throws {
        if let baseURL, let problem = Pipeline.baseURLProblem(baseURL, named: "--base-url") { throw ValidationError(problem.sentence) }
    }

    /// `rapport build` writes into `--output`; `rapport check` only validates (a PDF printed by
    /// `rapport pdf` beside `--output` is counted as the build would publish it).
    func options(write: Bool) -> Pipeline.Options {
        let output = URL(fileURLWithPath: output)
        var options = Pipeline.Options(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
            destination: write ? .folder(output) : .validateOnly, printedReports: Pipeline.printedReports(beside: output))
        options.baseURL = baseURL
        options.strict = strict
        return options
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")
    @OptionGroup var folders: Folders
    @Option(
        name: .customLong("wait"),
        help: ArgumentHelp("How long to wait for another build writing the same output folder, in seconds.", valueName: "seconds"))
    var waitSeconds = 600
    @Flag(help: "Also print the whole report of every language to PDF and publish it (as rapport pdf).") var pdf = false
    @Flag(help: "Build without the cache beside the output folder (it is neither read nor changed).") var noCache = false
    @Flag(help: "Build without the charts' PNG pictures (no PNG download, no og:image): quicker for a large study.")
    var noPictures = false

    func validate() throws {
        guard waitSeconds >= 0 else { throw ValidationError("--wait \(waitSeconds) is not a number of seconds (0 or more)") }
    }

    func run() throws { try build(folders, waitSeconds: waitSeconds, pdf: pdf, cache: !noCache, pictures: !noPictures) }
}

/// `rapport build`, and with `pdf` also `rapport pdf`.
func build(_ folders: Folders, waitSeconds: Int, pdf: Bool, cache: Bool = true, pictures: Bool = true) throws {
    var options = folders.options(write: true)
    options.useCache = cache
    options.pictures = pictures
    // Said once, on standard error, when another build holds the output folder.
    options.waiting = { TerminalOutput.write([$0], error: true) }
    options.waitLimit = .seconds(waitSeconds)
    guard pdf else {
        return try report(Pipeline(options).run(), output: folders.output, wrote: true, timings: folders.timings)
    }
    // The engine first: without it, one message and nothing built.
    let engine: PrintEngine
    switch PrintEngine.find() {
    case let .success(found): engine = found
    case let .failure(failure):
        TerminalOutput.write(["error: \(failure.message)"], error: true)
        throw ExitCode(1)
    }
    // Build, print each language's whole report from the built page, build again: the
    // second build publishes the PDFs (only while they match the pages it renders).
    try report(Pipeline(options).run(), output: folders.output, wrote: true, timings: folders.timings, quiet: true)
    let output = URL(fileURLWithPath: folders.output)
    let printed = ReportPrinter(site: output, engine: engine).print(into: Pipeline.printedReports(beside: output)) {
        TerminalOutput.write([$0])
    }
    if case let .failure(failure) = printed {
        TerminalOutput.write(["error: \(failure.message)"], error: true)
        throw ExitCode(1)
    }
    try report(Pipeline(options).run(), output: folders.output, wrote: true, timings: folders.timings)
}

struct Pdf: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site and print the whole report of every language to PDF with WeasyPrint (rapport build --pdf).")
    @OptionGroup var folders: Folders
    @Option(name: .customLong("wait"), help: ArgumentHelp("As for build.", valueName: "seconds")) var waitSeconds = 600
    func validate() throws {
        guard waitSeconds >= 0 else { throw ValidationError("--wait \(waitSeconds) is not a number of seconds (0 or more)") }
    }
    func run() throws { try build(folders, waitSeconds: waitSeconds, pdf: true) }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every validation; write nothing.")
    @OptionGroup var folders: Folders
    func run() throws {
        try report(Pipeline(folders.options(write: false)).run(), output: folders.output, wrote: false, timings: folders.timings)
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview: serve the site on 127.0.0.1, rebuild it after every change, reload the browser.")
    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder.") var templates = "Templates"
    @Option(help: "The port (0: any free port).") var port: UInt16 = 8000
    @Option(help: "The address to listen on; any but 127.0.0.1 makes the preview reachable from other machines.")
    var host = "127.0.0.1"
    @Flag(help: "Preview without the charts' PNG pictures (no PNG download, no og:image): quicker for a large study.")
    var noPictures = false
    func validate() throws {
        guard PreviewServer.isValidAddress(host) else { throw ValidationError("--host \(host) is not an IP address") }
    }
    func run() throws {
        var options = PreviewServer.Options(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates), host: host, port: port)
        options.pipeline.pictures = !noPictures
        try PreviewServer.runUntilInterrupted(options)
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new study: site.yml, UI strings, a home page and a chapter with one chart per language, the templates.")
    @Argument(help: "The folder to create (it must not exist, or be empty).") var folder: String
    @Option(help: "The site's languages, the default first: any of nl, fr, de, en (e.g. nl,fr,de; en-GB with a region).") var languages =
        "nl,fr"
    func validate() throws {
        if case let .failure(problem) = StarterFiles.languages(languages) { throw ValidationError(problem.message) }
    }
    func run() throws {
        guard case let .success(list) = StarterFiles.languages(languages) else { return }
        do {
            try StarterFiles.write(to: URL(fileURLWithPath: folder), languages: list)
        } catch {
            TerminalOutput.write(["error: \(error.message)"], error: true)
            throw ExitCode(1)
        }
        TerminalOutput.write(["wrote a new study in \(folder): cd \(folder) && rapport build (or rapport serve to preview)"])
    }
}

/// Everything goes out through `TerminalOutput`, which escapes what the input could put there.
/// `quiet`: the first build of `rapport pdf`, which says only what went wrong (its warnings are
/// said again by the build after printing).
func report(_ result: Pipeline.Result, output: String, wrote: Bool, timings: Bool, quiet: Bool = false) throws {
    if quiet, result.succeeded { return }
    for diagnostic in result.diagnostics { TerminalOutput.write(diagnostic.lines, error: true) }
    if let failure = result.failure { TerminalOutput.write(["error: \(failure.message)"], error: true) }
    if timings {
        TerminalOutput.write(result.phases.map { "  \($0.name): \(String(format: "%.1f", $0.seconds * 1000)) ms" }, error: true)
        let (hits, misses) = result.cachedPages
        if hits + misses > 0 { TerminalOutput.write(["  pages from the cache: \(hits) of \(hits + misses)"], error: true) }
        let pictures = result.pictures
        if pictures.drawn + pictures.stored > 0 {
            TerminalOutput.write(
                ["  pictures: \(pictures.stored) from the store (\(pictures.checked) checked whole), \(pictures.drawn) drawn"], error: true)
        }
    }
    TerminalOutput.write([result.summary(output: output, wrote: wrote)] + result.changes)
    if !result.succeeded { throw ExitCode(1) }
}
