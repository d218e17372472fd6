import Diagnostics
import Foundation
import RapportBase

/// The whole report on one page per language (`/nl/volledig-rapport/`, `/fr/rapport-complet/`),
/// made from the chapters as rendered: a cover, the contents, the list of figures, the home page
/// as its summary (key findings, recommendations), then every chapter in order with its charts
/// (short tables shown open), notes and footnotes, and the annex of the long tables of numbers
/// (ReportAnnex.swift). Template `report.mustache`; paged layout in `assets/print.css` (A4,
/// page numbers in the contents, running heads).
///
/// The PDF (`rapport pdf`, `rapport pdf`) is not made by the build: ReportPrinter prints this page
/// with WeasyPrint (Print/) into a folder beside the output (`.Public.pdf/`, hidden, like
/// `.Public.values`), naming each PDF after a fingerprint of the page it printed and of the
/// stylesheets (the page carries it as `data-print-source`). A build publishes a PDF, and links to it, only when one
/// was printed from exactly the page it renders: there is never a link to a missing PDF, nor
/// to one of an older text. The PDF in `Public/` is then a file the build wrote like any other.
extension RenderContext {
    func renderFullReport(_ chapters: [RenderedChapter], _ language: Language, into output: SiteOutput) -> [Diagnostic] {
        let path = ReaderPages.reportPath(language, site: site)
        let depth = Self.depth(ofFile: language.code + "/" + ReaderPages.reportSlug(language) + "/index.html")
        let title = strings[language]?[.reportTitle] ?? ""
        let scope = pageScope(
            ReportContext.self, language: language, title: title, description: site.description[language], path: path,
            alternates: readerAlternates(ReaderPages.reportPath), current: nil, from: depth)
        // The chapters' bodies go in as stand-ins and are put in place as bytes afterwards (see
        // `ReportAssembly`): the templates never hold the whole report as one text.
        scope[.reportChapters] = .list(
            chapters.enumerated().map { number, chapter in
                let slug = chapter.page.reportId
                let sections = chapter.headings.filter { $0.level == 2 }.map {
                    TemplateScope<HeadingKey>(texts: [.id: ReportHTML.prefixed($0.id, slug), .text: $0.text])
                }
                return TemplateScope<ReportChapterKey>([
                    .id: .text(slug), .title: .text(chapter.page.isHome ? strings[language]?[.reportSummary] ?? "" : chapter.page.title),
                    .body: .markup(Array(ReportAssembly.bodyStandIn(number).utf8)),
                    .sections: .list(sections), .hasSections: .bool(!sections.isEmpty),
                ])
            })
        // The report's own flag (LanguageKey.isReport, always false, is every other page's).
        scope[ReportKey.isReport] = .bool(true)
        // The PDF's author (WeasyPrint reads it from `<meta name="author">`): the publisher.
        scope[.reportAuthor] = .text(site.publisher?[language] ?? "")
        scope[.runningTitle] = .text(ReportHTML.cssString(site.title[language]))
        let pdfFile = language.code + "/" + ReaderPages.reportSlug(language) + ".pdf"
        scope[.pdfURL] = .text(relative(site.basePath + pdfFile, from: depth))
        scope[.hasPDF] = .bool(false)
        scope[.printSource] = .text("")
        scope[.citationMeta] = reportCitationMeta(language, pdfURL: nil)
        for (key, value) in Self.jsonLDValues(SchemaOrg.report(studyCitation(language), study: schemaOrgStudy(language), pdfURL: nil)) {
            scope[key] = value
        }
        scope[.studyCiteFiles] = citationLinks(
            stem: studyCitationStem(language), fileStem: DataPackage.name(of: site.title[language], language), idPrefix: "report-cite",
            from: depth)
        // Long tables of numbers go to the annex; the figures are listed (ReportAnnex.swift).
        // Each chapter's part was made with its page (ReaderPages.swift): put together here.
        let bodies = chapters.map(\.report.body)
        let figures = chapters.flatMap(\.report.figures)
        var annex: [UInt8] = []
        for chapter in chapters { annex += chapter.report.annex }
        scope[.reportFigures] = .list(
            figures.map { TemplateScope<ReportFigureKey>([.id: .text($0.id), .label: .markup($0.label), .title: .markup($0.title)]) })
        scope[.hasFigures] = .bool(!figures.isEmpty)
        scope[.annex] = .markup(Array(ReportAssembly.bodyStandIn(bodies.count).utf8))
        scope[.hasAnnex] = .bool(!annex.isEmpty)
        let assembly = ReportAssembly(bodies: bodies + [annex])
        // The fingerprint is of the page without it and without the PDF link, and of the
        // stylesheets (all of Templates/assets/): what the printed PDF looks like.
        var (unmarked, problems) = renderInLayout(TemplateContexts.report, scope)
        let fingerprint = assembly.fingerprint(
            unmarked, extra: templates.assets.map { Array($0.path.utf8) + ((try? Files.read($0.source, limit: .published).get()) ?? []) })
        scope[.printSource] = .text(fingerprint)
        if let folder = printedReports {
            switch Self.printedReport(fingerprint, in: folder) {
            case let .success(pdf)?:
                scope[.hasPDF] = .bool(true)
                scope[.citationMeta] = reportCitationMeta(language, pdfURL: absolute(site.basePath + pdfFile))
                let report = SchemaOrg.report(
                    studyCitation(language), study: schemaOrgStudy(language), pdfURL: absolute(site.basePath + pdfFile))
                for (key, value) in Self.jsonLDValues(report) { scope[key] = value }
                output.add(OutputFile(path: pdfFile, bytes: pdf))
            case let .failure(warning)?: problems.append(warning)
            case nil:
                if let stale = Self.stalePrintedReport(in: folder, page: path) { problems.append(stale) }
            }
        }
        output.add(
            language.code + "/" + ReaderPages.reportSlug(language) + "/index.html",
            assembly.contents(renderInLayout(TemplateContexts.report, scope).0))
        return problems
    }
}

extension RenderContext {
    /// The PDF `rapport pdf` printed of the page with this fingerprint (`.Public.pdf/<fingerprint>.pdf`),
    /// nil when there is none, or a warning when what is there is not a plain file of the
    /// folder: a symbolic link (to anything at all: it is never followed), a FIFO or a device
    /// (never opened), a file larger than a published file may be (never read).
    static func printedReport(_ fingerprint: String, in folder: URL) -> Result<[UInt8], Diagnostic>? {
        let file = folder.appendingPathComponent(fingerprint + ".pdf")
        let refusal: Files.Refusal, shown: String
        if Files.kind(ofPath: folder.path) == .symbolicLink {
            (refusal, shown) = (.link, Pipeline.displayPath(folder))
        } else {
            switch Files.read(file.path, limit: .published, links: .refuse) {
            case let .success(bytes): return .success(bytes)
            case .failure(.missing): return nil
            case let .failure(other): (refusal, shown) = (other, Pipeline.displayPath(file))
            }
        }
        var warning = Files.diagnostic(refusal, file: shown, severity: .warning)
        warning.problem = .output(.printedReportRefused(refusal))
        return .failure(warning)
    }

    /// One line when `rapport pdf` printed this language's report from an earlier text: a PDF
    /// of the report's language is in the folder (its name is that of `rapport pdf`), but none of
    /// this page. Each PDF's name says nothing of its language, so the warning names the page.
    static func stalePrintedReport(in folder: URL, page: String) -> Diagnostic? {
        guard Files.kind(ofPath: folder.path) == .folder,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
            names.contains(where: ReportPrinter.isPrintedName)
        else { return nil }
        var warning = Diagnostic.warning(SourceLocation(file: Pipeline.displayPath(folder)), .output(.printedReportOutdated(page: page)))
        warning.quotesSource = false
        return warning
    }

    /// For each language with a whole report: its chapters' links to each other as written in
    /// their HTML (from the report's depth, which is a chapter's), to the slug each becomes.
    func reportChapterLinks() -> [Language: [String: String]] {
        guard templates.has("report") else { return [:] }
        var links: [Language: [String: String]] = [:]
        for language in site.languages {
            let depth = Self.depth(ofFile: language.code + "/" + ReaderPages.reportSlug(language) + "/index.html")
            let chapters = pages.filter { $0.language == language && !$0.isPlaceholder }
            links[language] = Dictionary(
                chapters.map { (link(to: $0, from: depth), $0.reportId) }, uniquingKeysWith: { first, _ in first })
        }
        return links
    }
}

/// A chapter's HTML made part of the whole report.
enum ReportHTML {
    /// `id` of a chapter in the report: prefixed with the chapter's slug, so that two chapters'
    /// ids (`chart-…`, a heading's, a footnote's) never clash.
    static func prefixed(_ id: String, _ slug: String) -> String { slug + "--" + id }

    /// Headings one level down (the chapter's title is an h2 here), chart tables open, every id
    /// and every reference to one prefixed, links to chapters turned into links inside the page.
    static func embed(_ html: [UInt8], prefix slug: String, chapterURLs: [String: String]) -> [UInt8] {
        html.withUnsafeBufferPointer { rewritingReferences($0, slug: slug, chapterURLs: chapterURLs, embedding: true) }
    }

    /// `html` written for a page one folder up (the home page, `nl/index.html`) made right for
    /// one folder down (`nl/volledig-rapport/index.html`): every relative `href` and `src`
    /// (not `#…`, not `/…`, not `scheme:…`) gets `../` in front.
    static func oneFolderDown(_ html: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + 256)
        let attributes = [Array(" href=\"".utf8), Array(" src=\"".utf8)]
        var index = 0
        while index < html.count {
            output.append(html[index])
            guard html[index] == 0x20, let attribute = attributes.first(where: { html[index...].starts(with: $0) }) else {
                index += 1
                continue
            }
            output += attribute.dropFirst()
            index += attribute.count
            var end = index
            while end < html.count, html[end] != 0x22 { end += 1 }
            let value = html[index..<end]
            let beforePath = value.prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
            if let first = value.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "/"), !beforePath.contains(UInt8(ascii: ":")) {
                output += Array("../".utf8)
            }
        }
        return output
    }

    /// Attributes whose value is one id or a list of ids (after a space: ` id="…"`).
    private static let idAttributes: [[UInt8]] = ["id", "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls"]
        .map { Array($0.utf8) + [UInt8(ascii: "="), 0x22] }

    /// The bytes a rewrite can start at: white space (before an id attribute), `h` (`href`),
    /// `u` (`url(`), `<` (a heading, a chart table).
    private static let mayStartRewrite: [Bool] = (0...255).map { byte in
        [0x20, 0x0A, 0x09, 0x0D, UInt8(ascii: "h"), UInt8(ascii: "u"), UInt8(ascii: "<")].contains(UInt8(byte))
    }

    /// One pass over the chapter's bytes: every id and id list, every in-page reference
    /// (`href="#…"`, also `xlink:href`, and SVG's `url(#…)`) prefixed with `slug`, and every
    /// relative link to a chapter (`href="../../nl/financien/index.html#x"`) made a link inside the page.
    /// With `embedding`, also every heading one level down (`<h2` → `<h3`, `</h2>` → `</h3>`,
    /// levels 1 to 5) and every chart table open (`<details class="chart-data" open>`).
    /// (Regular expressions with look-behind, or one pass per replacement, cost more than the
    /// rest of the build on a chapter with its charts.)
    static func rewritingReferences(
        _ bytes: UnsafeBufferPointer<UInt8>, slug: String, chapterURLs: [String: String], embedding: Bool
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        // Bytes that stay as they are are copied in runs, from `copied` up to where a rewrite starts.
        var copied = 0
        func copy(upTo end: Int) {
            if end > copied { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<end])) }
        }
        let quote: UInt8 = 0x22
        func starts(_ prefix: [UInt8], at index: Int) -> Bool {
            index + prefix.count <= bytes.count
                && prefix.withUnsafeBufferPointer { memcmp(bytes.baseAddress! + index, $0.baseAddress!, prefix.count) == 0 }
        }
        /// Copies `prefix`, then the value up to `end` (not empty), rewritten by `transform`.
        func rewrite(at index: inout Int, prefix: Int, end: UInt8, _ transform: (String) -> String?) {
            let start = index + prefix
            var stop = start
            while stop < bytes.count, bytes[stop] != end { stop += 1 }
            copy(upTo: start)
            let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
            if stop > start, stop < bytes.count, let new = transform(value) {
                output.append(contentsOf: new.utf8)
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            }
            index = stop
            copied = stop
        }
        /// Writes `replacement` for the `count` bytes at `index`.
        func replace(at index: inout Int, count: Int, with replacement: [UInt8]) {
            copy(upTo: index)
            output += replacement
            index += count
            copied = index
        }
        let hrefFragment = Array("href=\"#".utf8), svgURL = Array("url(#".utf8), hrefPath = Array("href=\"../".utf8)
        let closedTable = Array("<details class=\"chart-data\">".utf8)
        let openTable = Array("<details class=\"chart-data\" open>".utf8)
        let headingLevels = UInt8(ascii: "1")...UInt8(ascii: "5")
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // Most bytes start nothing: one look-up skips them.
            if !Self.mayStartRewrite[Int(byte)] {
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D, index + 1 < bytes.count,
                [UInt8(ascii: "i"), UInt8(ascii: "f"), UInt8(ascii: "h"), UInt8(ascii: "a")].contains(bytes[index + 1]),
                let attribute = idAttributes.first(where: { starts($0, at: index + 1) })
            {
                rewrite(at: &index, prefix: 1 + attribute.count, end: quote) { value in
                    guard value.utf8.contains(0x20) else { return prefixed(value, slug) }
                    return value.split(separator: " ").map { prefixed(String($0), slug) }.joined(separator: " ")
                }
            } else if byte == UInt8(ascii: "h"), starts(hrefFragment, at: index) {
                rewrite(at: &index, prefix: hrefFragment.count, end: quote) { prefixed($0, slug) }
            } else if byte == UInt8(ascii: "h"), starts(hrefPath, at: index) {
                rewrite(at: &index, prefix: hrefPath.count - 3, end: quote) { url in
                    let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    guard let target = chapterURLs[String(parts[0])] else { return nil }
                    return "#" + (parts.count == 2 ? prefixed(String(parts[1]), target) : target)
                }
            } else if byte == UInt8(ascii: "u"), starts(svgURL, at: index) {
                rewrite(at: &index, prefix: svgURL.count, end: UInt8(ascii: ")")) { prefixed($0, slug) }
            } else if embedding, byte == UInt8(ascii: "<"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "h"),
                headingLevels.contains(bytes[index + 2])
            {
                replace(at: &index, count: 3, with: [byte, bytes[index + 1], bytes[index + 2] + 1])
            } else if embedding, byte == UInt8(ascii: "<"), index + 4 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "h"), headingLevels.contains(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: ">")
            {
                replace(at: &index, count: 5, with: [byte, bytes[index + 1], bytes[index + 2], bytes[index + 3] + 1, bytes[index + 4]])
            } else if embedding, byte == UInt8(ascii: "<"), starts(closedTable, at: index) {
                replace(at: &index, count: closedTable.count, with: openTable)
            } else {
                index += 1
            }
        }
        copy(upTo: bytes.count)
        return output
    }

    /// A CSS string literal of `text` (for the running title), safe inside `<style>`: every
    /// character but letters, digits and spaces as a CSS escape.
    static func cssString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || scalar == " " {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return result + "\""
    }

}
