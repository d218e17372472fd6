import Diagnostics
import Foundation
import RapportCore

/// The HTML that exists only in served responses: the reload script and the error page.
enum Pages {
    /// The path the reload script long-polls. Outside any site path (sites never start with `_`).
    static let eventsPath = "/_rapport/events"

    /// A tiny script that asks the server, for its own page, whether what the page shows
    /// changed, and reloads the page when it did: the server holds the request up to ~25 s
    /// and answers with the page's version (`SiteState.Current.version(ofPage:)`) as soon as
    /// it differs from the one the page was served with. On a network error (server
    /// restarting) it retries every second, and the new server's other versions reload it.
    static func reloadScript(version: String) -> String {
        """
        <script>/* rapport serve: reloads this page when it changes. Added by the preview server only; not part of the built site. */
        (function(){var b="\(version)",u="\(eventsPath)?page="+encodeURIComponent(location.pathname)+"&build=";function p(){fetch(u+encodeURIComponent(b),{cache:"no-store"}).then(function(r){if(!r.ok)throw r;return r.text()}).then(function(t){if(t!==b){location.reload()}else{p()}},function(){setTimeout(p,1000)})}p()})();
        </script>

        """
    }

    /// The page with the reload script before its last `</body>` (or at the end): made for
    /// each response, so that the site kept in memory holds its files as built, once.
    static func inject(_ script: String, into html: [UInt8]) -> Data {
        let cut = lastBodyEnd(html) ?? html.count
        var data = Data(capacity: html.count + script.utf8.count)
        html.withUnsafeBufferPointer { bytes in
            data.append(UnsafeBufferPointer(rebasing: bytes[..<cut]))
            data.append(contentsOf: Array(script.utf8))
            data.append(UnsafeBufferPointer(rebasing: bytes[cut...]))
        }
        return data
    }

    static func inject(_ script: String, into html: String) -> String {
        String(decoding: inject(script, into: Array(html.utf8)), as: UTF8.self)
    }

    /// Where the last `</body>` (any case) starts, searched from the end.
    static func lastBodyEnd(_ html: [UInt8]) -> Int? {
        let tag = Array("</body>".utf8)
        guard html.count >= tag.count else { return nil }
        return html.withUnsafeBufferPointer { bytes -> Int? in
            var start = bytes.count - tag.count
            while start >= 0 {
                if bytes[start] == 0x3C, bytes[start + 1] == 0x2F {
                    var matches = true
                    for offset in 2..<tag.count where bytes[start + offset] | 0x20 != tag[offset] {
                        matches = false
                        break
                    }
                    if matches { return start }
                }
                start -= 1
            }
            return nil
        }
    }

    /// The site's one escaper (`Markup.escaped`).
    static func escape(_ text: String) -> String { escapeHTML(text) }

    /// The page shown instead of every page of the site while the input has errors: each
    /// diagnostic with its place, message, fix and the offending line with a caret. Every piece
    /// of text is escaped: messages quote the editors' own words.
    static func errorPage(diagnostics: [Diagnostic], failure: String?, sourceLine: (Diagnostic) -> String?) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var items = ""
        // Errors first: they are what stops the build.
        let ordered = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
        for diagnostic in ordered {
            let severity = diagnostic.severity.rawValue
            items += "<li class=\"\(severity)\">\n<p><code class=\"place\">\(escape(diagnostic.location.description))</code> "
            items += "<strong>\(severity)</strong>: \(escape(diagnostic.message))</p>\n"
            if let fix = diagnostic.fix { items += "<p class=\"fix\">\(escape(fix))</p>\n" }
            if let line = sourceLine(diagnostic) {
                let (text, marker) = excerpt(line, column: diagnostic.caretColumn ?? diagnostic.location.column)
                items += "<pre>\(escape(text))\n\(escape(marker))</pre>\n"
            }
            items += "</li>\n"
        }
        if let failure {
            items += "<li class=\"error\"><p><strong>error</strong>: \(escape(failure))</p></li>\n"
        }
        let errorCount = errors + (failure == nil ? 0 : 1)
        var count = "\(errorCount) error\(errorCount == 1 ? "" : "s")"
        if warnings > 0 { count += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed · rapport serve</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff;color:#1a1a1a}
            main{max-width:60rem;margin:2rem auto;padding:0 1rem}
            h1{color:#a4000f;font-size:1.5rem}
            ol{padding:0;list-style:none}
            li{border-left:.3rem solid #a4000f;background:#fdf2f2;margin:1rem 0;padding:.5rem 1rem}
            li.warning{border-color:#8a5a00;background:#fdf8ec}
            li p{margin:.3rem 0}
            .fix{color:#444}
            pre{background:#fff;border:1px solid #ddd;padding:.5rem;overflow-x:auto;font-size:.9rem}
            code.place{font-weight:bold}
            @media (prefers-color-scheme:dark){body{background:#111;color:#eee}li{background:#2a1416}li.warning{background:#2a2414}pre{background:#000;border-color:#444}.fix{color:#bbb}h1{color:#ff6b6b}}
            </style>
            </head>
            <body>
            <main>
            <h1>The site could not be built</h1>
            <p>\(count). The preview builds the site in memory and never writes Public/: until this is fixed, every page of the preview shows this list. Fix the file at the place shown and save: this page reloads by itself.</p>
            <ol>
            \(items)</ol>
            </main>
            </body>
            </html>

            """
    }

    /// The source line and a caret line under `column` (`SourceColumn`). A long line (a
    /// paragraph, a CSV row) is cut to a window around the column, marked with `…`.
    static func excerpt(_ line: String, column: Int, width: Int = 120) -> (line: String, caret: String) {
        let characters = Array(line)
        guard characters.count > width else { return (line, SourceColumn.caret(under: line, column: column)) }
        let text = Substring(line)
        let at = characters.count - text[SourceColumn.index(of: column, in: text)...].count
        let start = max(0, min(at - width / 2, characters.count - width))
        let end = min(characters.count, start + width)
        let head = start > 0 ? "… " : ""
        let shown = head + String(characters[start..<end]) + (end < characters.count ? " …" : "")
        let before = head + String(characters[start..<max(start, at)])
        return (shown, SourceColumn.caret(under: before, column: SourceColumn.after(before)))
    }
}
