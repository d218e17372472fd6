import Diagnostics
import Foundation
import RapportBase
import RapportCore

extension PreviewServer {
    /// One full build on the build thread (the pipeline is synchronous and CPU-bound; it must
    /// not hold one of the few threads that serve requests). False when the build ran out of
    /// file descriptors: that is not the site's fault, so the last good site stays served (and
    /// the terminal says so once, not with the errors of files that could not be opened); the
    /// watcher tries again.
    @discardableResult
    func build(changed: [String]) async -> Bool {
        if !changed.isEmpty {
            let names = changed.prefix(3).map { Pipeline.displayPath(URL(fileURLWithPath: $0)) }
            options.log("changed: \(names.joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")", false)
        }
        builds += 1
        let token = "\(instance)-\(builds)"
        let options = {
            var options = self.options; options.pipeline.destination = .memory; return options
        }()
        let reported = self.reported
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<(SiteFiles?, Data?)?, Never>) in
            buildQueue.async {
                let result = Pipeline(options.pipeline).run()
                if result.outOfDescriptors, reported.hasSite {
                    if !reported.outOfDescriptors { options.log(Self.shortage(), true) }
                    reported.outOfDescriptors = true
                    continuation.resume(returning: nil)
                    return
                }
                reported.outOfDescriptors = false
                Self.report(result, options: options, previousWarnings: &reported.warnings, previousValues: &reported.values)
                let script = Pages.reloadScript(token: token)
                if result.succeeded {
                    reported.hasSite = true
                    var site = SiteFiles(basePath: Pipeline.basePath(content: options.pipeline.content))
                    for file in result.files {
                        let html = MediaType.isHTML(MediaType.of(file.path))
                        site.files[file.path] = html ? Data(Pages.inject(script, into: file.contents).utf8) : Data(file.bytes)
                    }
                    continuation.resume(returning: (site, nil))
                } else {
                    let page = Pages.errorPage(
                        diagnostics: result.diagnostics, failure: result.failure?.message,
                        sourceLine: SourceLines().line(for:))
                    continuation.resume(returning: (nil, Data(Pages.inject(script, into: page).utf8)))
                }
            }
        }
        guard let (site, errorPage) = outcome else { return false }
        let before = await state.current
        await state.finishBuild(token: token, site: site, errorPage: errorPage)
        // `baseURL` got another path while the preview runs: the site is served there now.
        if let site, !before.token.isEmpty, site.basePath != before.site.basePath {
            options.log(
                "baseURL's path changed to \(site.basePath): serving \(await url) now (other addresses lead there)", false)
        }
        return true
    }

    /// The one line said when builds run out of file descriptors.
    static func shortage() -> String {
        let counts = Files.descriptors().map { "ulimit -n \($0.limit), \($0.open) open" } ?? String(cString: strerror(EMFILE))
        return
            "out of file descriptors (\(counts)): still serving the last good build, and building again once some are free (close tabs or programs that keep connections open, or raise the limit with ulimit -n)"
    }

    /// The lines `rapport build` prints: every error, and the warnings when they differ from
    /// the previous build's (the same dozen warnings after every save would bury the news).
    /// Runs on the build queue only.
    static func report(
        _ result: Pipeline.Result, options: Options, previousWarnings: inout Set<Diagnostic>,
        previousValues: inout [String: String]?
    ) {
        let warnings = Set(result.diagnostics.filter { $0.severity == .warning })
        let showWarnings = warnings != previousWarnings
        previousWarnings = warnings
        let lines = SourceLines()
        for diagnostic in result.diagnostics where diagnostic.severity == .error || showWarnings {
            options.log(diagnostic.description, true)
            if let line = lines.line(for: diagnostic) {
                // Escaped before the excerpt is cut, so that the caret is under the escaped line.
                let (shown, column) = TerminalText.escaped(line, column: diagnostic.caretColumn ?? diagnostic.location.column)
                let (excerpt, caret) = Pages.excerpt(shown, column: column)
                options.log("    " + excerpt, true)
                options.log("    " + caret, true)
            }
        }
        if let failure = result.failure { options.log("error: \(failure.message)", true) }
        var summary = result.summary(output: "", wrote: false)
        if result.succeeded, summary.hasPrefix("checked ") { summary = "built " + summary.dropFirst("checked ".count) }
        if !showWarnings, !warnings.isEmpty { summary += " (warnings as before)" }
        options.log(summary, !result.succeeded)
        // What changed since the last build that succeeded (the first build has nothing to compare).
        if let values = result.values {
            for line in previousValues.map(values.changes(since:)) ?? [] { options.log(line, false) }
            previousValues = values.values
        }
    }
}

/// The line a diagnostic points into, read from its file when the diagnostic does not carry it.
struct SourceLines {
    private var cache: [String: [Substring]] = [:]

    func line(for diagnostic: Diagnostic) -> String? {
        guard diagnostic.quotesSource else { return nil }  // a file Rapport refused to read
        if let line = diagnostic.sourceLine { return line }
        let file = diagnostic.location.file
        let url =
            file.hasPrefix("/")
            ? URL(fileURLWithPath: file)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(file)
        guard case let .success(bytes) = Files.read(url.path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = SourceLocation.line(diagnostic.location.line, in: text) else { return nil }
        return line
    }
}

/// The warnings last printed; only the (serial) build queue reads and writes it.
final class Reported: @unchecked Sendable {
    var warnings: Set<Diagnostic> = []
    var values: [String: String]?
    /// A build succeeded: there is a site to keep serving.
    var hasSite = false
    /// The last build ran out of file descriptors (said once).
    var outOfDescriptors = false
}
