import Diagnostics
import Foundation
import RapportBase

extension Pipeline {
    /// Adds to each diagnostic the line of the file it points at, for the terminal and the
    /// preview's error page. Each file is read once.
    static func withSourceLines(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var lines: [String: [Substring]] = [:]
        return diagnostics.map { diagnostic in
            guard diagnostic.sourceLine == nil, diagnostic.quotesSource else { return diagnostic }
            var diagnostic = diagnostic
            let file = diagnostic.location.file
            if lines[file] == nil {
                // A file that cannot be read (a missing one) has no line to show.
                let text = (try? Files.read(file).get()).flatMap { String(validating: $0, as: UTF8.self) }
                // Lines as the readers count them: "\n", "\r\n" or a lone "\r" ends one.
                lines[file] = text.map { sourceLines(Substring($0)) } ?? []
            }
            if let fileLines = lines[file], diagnostic.location.line <= fileLines.count {
                diagnostic.showSource(fileLines[diagnostic.location.line - 1])
            }
            return diagnostic
        }
    }

    /// The folder `rapport pdf` prints the whole reports into (`.Public.pdf` beside `Public`).
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
            if errors == 0, let failure {
                return "failed: \(failure.summary ?? "the site could not be written (see the error above)")\(kept) (\(time))"
            }
            return "failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(kept) (\(time))"
        }
        if upToDate {
            return "up to date: \(pageText) pages, \(charts) charts; nothing changed since the last build (\(time)) → \(output)"
        }
        let verb = wrote ? "built" : "checked"
        let target = wrote ? " → \(output)" : ""
        return
            "\(verb) \(pageText) pages, \(charts) charts in \(time)\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")\(target)"
    }
}

extension Pipeline {
    /// The result of a build that is not made because nothing changed since the last one, or
    /// nil when it must be made. Checked under the build lock, taken without waiting: while
    /// another build writes, this one waits (and says so) as any build does.
    static func unchanged(_ upToDate: UpToDate, _ options: Options, _ clock: StageClock) -> Result? {
        guard case let .folder(output) = options.destination, let lock = try? BuildLock(beside: output, waiting: nil, limit: .zero)
        else { return nil }
        return withExtendedLifetime(lock) {
            guard let last = upToDate.lastBuild(output: output) else { return nil }
            var result = Result(
                diagnostics: [], pages: last.pages, charts: last.charts, seconds: clock.total, failure: nil, files: [],
                written: (0, 0), phases: [("up to date", clock.total)], values: nil)
            result.languages = last.languages
            result.upToDate = true
            return result
        }
    }
}
