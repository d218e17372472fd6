import Diagnostics
import Foundation
import RapportBase
import RapportCore

extension PreviewServer {
    /// A save the watcher saw (`changed`: the files). The saved chapters first, when they can be
    /// rendered alone (`Pipeline.renderChanged`: only chapters changed, their front matter did
    /// not, no mistake found) against the last build: published at once, so the page shown
    /// reloads in milliseconds. Then a full build (`requestFullBuild`), which renders whatever
    /// else depends on the change, and wins. Returns once the saved chapters are served (or
    /// not), without waiting for the full build.
    func saved(_ changed: [String]) async {
        let names = changed.prefix(3).map { Pipeline.displayPath(URL(fileURLWithPath: $0)) }
        options.log("changed: \(names.joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")", false)
        // Wanted now, started after the saved chapters: a full build running (older than this
        // save) is then not published over them.
        fullBuildWanted = true
        var served: [String]?
        let current = await state.current
        if current.errorPage == nil, !current.token.isEmpty, memory.hasLastBuild, changed.allSatisfy({ $0.hasSuffix(".md") }) {
            let pipeline = buildOptions
            let start = ContinuousClock.now
            let pages = await withCheckedContinuation { (continuation: CheckedContinuation<Pipeline.ChangedPages?, Never>) in
                changedQueue.async { continuation.resume(returning: Pipeline(pipeline).renderChanged(changed)) }
            }
            if let pages, await state.publish(pages: pages.files) {
                served = pages.sources
                let took = (ContinuousClock.now - start).components
                let ms = Double(took.seconds) * 1000 + Double(took.attoseconds) / 1e15
                options.log("shown \(pages.sources.count == 1 ? names[0] : "\(pages.sources.count) chapters") in \(Int(ms.rounded())) ms; building the rest", false)
            }
        }
        hooks.changedPages?(served)
        requestFullBuild()
    }

    /// The pipeline's options for the preview: in memory, with its cache.
    var buildOptions: Pipeline.Options {
        var pipeline = options.pipeline
        pipeline.destination = .memory
        pipeline.memoryCache = memory
        return pipeline
    }

    /// Asks for a full build: one starts now, or after the one running (saves during a build
    /// make one more build, not one each).
    func requestFullBuild() {
        fullBuildWanted = true
        guard !fullBuildRunning else { return }
        fullBuildRunning = true
        Task { await self.runFullBuilds() }
    }

    /// The full builds wanted, one after the other. A build a save overtook while it ran is not
    /// published: it may be older than a chapter already served, and the next build is about
    /// to start. A build out of file descriptors is tried again by the watcher a second later.
    func runFullBuilds() async {
        while fullBuildWanted {
            fullBuildWanted = false
            guard let (site, errorPage) = await fullBuild() else {
                retryAt = ContinuousClock.now + .seconds(1)
                continue
            }
            retryAt = nil
            if fullBuildWanted { continue }
            let before = await state.current
            await state.publish(site: site, errorPage: errorPage)
            hooks.afterFullBuild?()
            // `baseURL` got another path while the preview runs: the site is served there now.
            if let site, !before.token.isEmpty, site.basePath != before.site.basePath {
                options.log(
                    "baseURL's path changed to \(site.basePath): serving \(await url) now (other addresses lead there)", false)
            }
        }
        fullBuildRunning = false
    }

    /// One full build on the build thread (the pipeline is synchronous and CPU-bound; it must
    /// not hold one of the few threads that serve requests): the site, or the error page. nil
    /// when the build ran out of file descriptors: that is not the site's fault, so the last
    /// good site stays served (and the terminal says so once, not with the errors of files
    /// that could not be opened).
    private func fullBuild() async -> (SiteFiles?, [UInt8]?)? {
        builds += 1
        let (options, pipeline, reported, hooks, first) = (self.options, buildOptions, self.reported, self.hooks, builds == 1)
        return await withCheckedContinuation { (continuation: CheckedContinuation<(SiteFiles?, [UInt8]?)?, Never>) in
            buildQueue.async {
                if !first { hooks.beforeFullBuild?() }
                let result = Pipeline(pipeline).run()
                if result.outOfDescriptors, reported.hasSite {
                    if !reported.outOfDescriptors { options.log(Self.shortage(), true) }
                    reported.outOfDescriptors = true
                    continuation.resume(returning: nil)
                    return
                }
                reported.outOfDescriptors = false
                Self.report(result, options: options, previousWarnings: &reported.warnings, previousValues: &reported.values)
                if result.succeeded {
                    reported.hasSite = true
                    // The files as built: their bytes shared with the result and the build cache.
                    var site = SiteFiles(basePath: Pipeline.basePath(content: options.pipeline.content))
                    site.files.reserveCapacity(result.files.count)
                    for file in result.files { site.files[file.path] = file.bytes }
                    continuation.resume(returning: (site, nil))
                } else {
                    let page = Pages.errorPage(
                        diagnostics: result.diagnostics, failure: result.failure?.message, sourceLine: SourceLines().line(for:))
                    continuation.resume(returning: (nil, Array(page.utf8)))
                }
            }
        }
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
