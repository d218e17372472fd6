import Diagnostics
import Foundation
import SurveyData

/// Rapport's whole build, stage by stage. Read this file first.
///
///     Content/site.yml ─┐
///     Content/i18n/*    ├─ 1. load ──▶ 2. check ──▶ 3. render ──▶ 4. write ──▶ Public/
///     Content/<lang>/*.md│   (typed values     (every mistake   (Markdown via     (temp folder,
///     Content/data/**   │    with locations)   at once)         cmark-gfm,        swapped in
///     Templates/**     ─┘                                       charts via        only when all
///                                                               SVGCharts,        went well)
///                                                               Mustache)
///
/// Every stage adds to one list of diagnostics; the site is written only when there is no error.
public struct Pipeline {
    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var output: URL
        /// `rapport check` runs every stage but the last.
        public var write: Bool
        /// Without `write`: keep the rendered files in `Result.files` (the preview, tests) or
        /// only count them (`rapport check`).
        public var keepFiles: Bool
        /// Told when the build must wait for another build writing the same output folder.
        public var waiting: (@Sendable (String) -> Void)?

        public init(content: URL, templates: URL, output: URL, write: Bool = true, keepFiles: Bool = true) {
            self.content = content
            self.templates = templates
            self.output = output
            self.write = write
            self.keepFiles = keepFiles
        }
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var pages: [Language: Int]
        /// The site's languages, in the order of `site.yml`.
        public var languages: [Language] = Language.fallback
        public var charts: Int
        public var seconds: Double
        /// Set when writing failed for a reason outside the content.
        public var failure: BuildFailure?
        /// The rendered files, sorted by path, when `write` is false (a build writes each file
        /// as it is rendered and keeps none).
        public var files: [OutputFile]
        /// How many files were rendered, and their bytes (assets not included).
        public var written: (files: Int, bytes: Int)
        /// Seconds spent in each stage, in order (`rapport build --timings`).
        public var phases: [(name: String, seconds: Double)]
        /// Every number of the site (nil when the build failed), and what changed since the last
        /// `rapport build` into the same output folder: the lines it ends with.
        public var values: ValueSnapshot?
        public var changes: [String] = []

        public var succeeded: Bool { failure == nil && !diagnostics.contains { $0.severity == .error } }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    public func run() -> Result {
        let start = DispatchTime.now()
        let display = Self.displayPath
        var diagnostics = DiagnosticBag()
        var phases: [(name: String, seconds: Double)] = []
        var lap = start
        func phase(_ name: String) {
            let now = DispatchTime.now()
            phases.append((name, Double(now.uptimeNanoseconds - lap.uptimeNanoseconds) / 1e9))
            lap = now
        }

        // 1. Load: every input becomes a typed value that remembers where it came from.
        var content = ContentLoader(contentDirectory: options.content, display: display)
        let site = content.loadSite()
        var strings = content.loadStrings()
        if let site { strings = site.study.adding(to: strings) }
        let pages = content.loadPages()
        diagnostics.append(contentsOf: content.diagnostics.items)
        phase("load pages")
        let (datasets, dataProblems, invalidDatasets, facts) = DatasetLoader(
            directory: options.content.appendingPathComponent("data"), within: options.content, languages: content.languages,
            display: display
        ).loadWithFacts()
        diagnostics.append(contentsOf: dataProblems)
        phase("load datasets")
        let (templates, templateProblems) = TemplateSet.load(from: options.templates, display: display)
        diagnostics.append(contentsOf: templateProblems)
        phase("load templates")

        // 2. Check: loading reported what each file gets wrong on its own; what is left needs
        //    the whole site (links, chart ids, translations) and happens while rendering.
        // 3. Render: Markdown → HTML with charts, numbers and links resolved; pages through
        //    the templates; CSV files, sitemap, 404, the language chooser. A build writes each
        //    file as soon as it is rendered, into a staging folder.
        var failure: BuildFailure?
        var destination = options.keepFiles && !options.write ? SiteOutput.Destination.memory : .counting
        if options.write, !diagnostics.hasErrors {
            do throws(BuildFailure) {
                destination = .folder(try SiteWriter(output: options.output, display: display, waiting: options.waiting))
            } catch {
                failure = error
            }
        }
        let output = SiteOutput(destination)
        var charts = 0
        var contentFiles: [TemplateSet.Asset] = []
        if failure == nil, let site, strings.count == site.languages.count {
            var renderer = SiteRenderer(
                site: site, strings: strings, pages: pages, datasets: datasets,
                invalidDatasets: invalidDatasets, facts: facts, templates: templates)
            renderer.contentFiles = ContentFiles(root: options.content, display: display)
            renderer.printedReports = Self.printedReports(beside: options.output)
            renderer.render(into: output)
            contentFiles = renderer.usedFiles.sorted { $0.key < $1.key }.map { TemplateSet.Asset(path: $0.key, source: $0.value) }
            // Kept files include them (the preview serves them from memory); a build copies them with the assets.
            if case .memory = destination {
                for file in contentFiles {
                    if let bytes = Files.read(file.source) { output.add(OutputFile(path: file.path, bytes: bytes)) }
                }
            }
            diagnostics.append(contentsOf: renderer.diagnostics.items)
            charts = renderer.chartCount
        }
        phase(destination.isFolder ? "render and write" : "render")

        // 4. Write: all or nothing. The staging folder and the output folder are swapped only
        //    when there was no error at all; after a failure the staging folder is nobody's
        //    site, and the next build brings it up to date.
        if case let .folder(writer) = destination {
            if let writeFailure = output.failure {
                failure = writeFailure
            } else if !diagnostics.hasErrors {
                do throws(BuildFailure) {
                    try writer.commit(paths: output.allPaths, assets: templates.assets + contentFiles)
                } catch {
                    failure = error
                }
            }
        }

        if destination.isFolder { phase("swap folders") }
        var values: ValueSnapshot?, changes: [String] = []
        if failure == nil, !diagnostics.hasErrors, site != nil {
            values = ValueSnapshot(datasets: datasets, facts: facts, pages: pages, site: site)
            if destination.isFolder, let values { changes = Self.recordValues(values, beside: options.output) }
            phase("what changed")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let counts = Dictionary(grouping: pages, by: \.language).mapValues(\.count)
        var result = Result(
            diagnostics: Self.withSourceLines(diagnostics.sorted.capped()), pages: counts, charts: charts,
            seconds: seconds, failure: failure, files: output.files,
            written: (output.fileCount, output.byteCount), phases: phases, values: values, changes: changes)
        result.languages = content.languages
        return result
    }

    /// Adds to each diagnostic the line of the file it points at, for the terminal and the
    /// preview's error page. Each file is read once.
    static func withSourceLines(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var lines: [String: [Substring]] = [:]
        return diagnostics.map { diagnostic in
            guard diagnostic.sourceLine == nil, diagnostic.quotesSource else { return diagnostic }
            var diagnostic = diagnostic
            let file = diagnostic.location.file
            if lines[file] == nil {
                let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
                // Lines as the readers count them: "\n", "\r\n" or a lone "\r" ends one.
                lines[file] = sourceLines(Substring(text))
            }
            if let fileLines = lines[file], diagnostic.location.line <= fileLines.count {
                diagnostic.showSource(fileLines[diagnostic.location.line - 1])
            }
            return diagnostic
        }
    }

    /// The folder `make pdf` prints the whole reports into (`.Public.pdf` beside `Public`).
    public static func printedReports(beside output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).pdf")
    }

    /// Paths in diagnostics are relative to the current folder when inside it.
    public static let displayPath: @Sendable (URL) -> String = { url in
        var path = url.path
        if path.contains("/./") || path.contains("/../") || path.hasSuffix("/.") || path.hasSuffix("/..") {
            path = url.standardizedFileURL.path
        }
        return path.hasPrefix(workingDirectory + "/") ? String(path.dropFirst(workingDirectory.count + 1)) : path
    }

    private static let workingDirectory = FileManager.default.currentDirectoryPath
}

extension Pipeline.Result {
    /// The one summary line a build ends with.
    public func summary(output: String, wrote: Bool) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let pageText = languages.map { "\(pages[$0] ?? 0) \($0.code)" }.joined(separator: " + ")
        let time = String(format: "%.0f ms", seconds * 1000)
        if !succeeded {
            let kept = wrote ? "; \(output) left as it was" : ""
            if errors == 0, failure != nil {
                return "failed: the site could not be written (see the error above)\(kept) (\(time))"
            }
            return "failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(kept) (\(time))"
        }
        let verb = wrote ? "built" : "checked"
        let target = wrote ? " → \(output)" : ""
        return
            "\(verb) \(pageText) pages, \(charts) charts in \(time)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")\(target)"
    }
}
