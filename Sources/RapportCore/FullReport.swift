import Diagnostics
import Foundation
import SurveyData

/// The whole report on one page per language (`/nl/volledig-rapport/`, `/fr/rapport-complet/`),
/// made from the chapters as rendered: a title page, the contents, then every chapter in order
/// with its charts (their tables shown open), notes and footnotes. Template `report.mustache`;
/// print layout in `assets/print.css` (A4, running title, page numbers).
///
/// The PDF (`make pdf`) is not made by the build: `tools/print_report.py` prints this page with
/// headless Chromium into a folder beside the output (`.Public.pdf/`, hidden, like
/// `.Public.values`), naming each PDF after a fingerprint of the page it printed and of the
/// stylesheets (the page carries it as `data-print-source`). A build publishes a PDF, and links to it, only when one
/// was printed from exactly the page it renders: there is never a link to a missing PDF, nor
/// to one of an older text. The PDF in `Public/` is then a file the build wrote like any other.
extension SiteRenderer {
    func renderFullReport(_ chapters: [RenderedChapter], _ language: Language, into output: SiteOutput) -> [Diagnostic] {
        let path = ReaderPages.reportPath(language, site: site)
        let depth = Self.depth(ofFile: language.rawValue + "/" + ReaderPages.reportSlug(language) + "/index.html")
        let title = strings[language]?["report_title"] ?? ""
        let scope = pageScope(
            language: language, title: title, description: site.description[language], path: path,
            alternates: readerAlternates(ReaderPages.reportPath), current: nil, from: depth)
        // The chapters' links to each other, as written in their HTML (from the same depth).
        let chapterURLs = Dictionary(chapters.map { (link(to: $0.page, from: depth), $0.page.slug) }, uniquingKeysWith: { first, _ in first })
        scope["reportChapters"] = .list(
            chapters.map { chapter in
                let slug = chapter.page.slug
                let body = ReportHTML.embed(String(decoding: chapter.html, as: UTF8.self), prefix: slug, chapterURLs: chapterURLs)
                let sections = chapter.headings.filter { $0.level == 2 }.map {
                    TemplateScope(texts: ["id": ReportHTML.prefixed($0.id, slug), "text": Typography.apply($0.text, language)])
                }
                return TemplateScope([
                    "id": .text(slug), "title": .text(chapter.page.title), "body": .html(RawHTML(body)),
                    "sections": .list(sections), "hasSections": .flag(!sections.isEmpty),
                ])
            })
        scope["isReport"] = .flag(true)
        scope["runningTitle"] = .html(RawHTML(ReportHTML.cssString(site.title[language])))
        let pdfFile = language.rawValue + "/" + ReaderPages.reportSlug(language) + ".pdf"
        scope["pdfURL"] = .text(relative(site.basePath + pdfFile, from: depth))
        scope["hasPDF"] = .flag(false)
        scope["printSource"] = .text("")
        // The fingerprint is of the page without it and without the PDF link, and of the
        // stylesheets (all of Templates/assets/): what the printed PDF looks like.
        let (unmarked, problems) = renderInLayout("report", scope)
        let fingerprint = ReportHTML.fingerprint(
            templates.assets.reduce(into: unmarked) { bytes, asset in
                bytes += Array(asset.path.utf8) + (Files.read(asset.source) ?? [])
            })
        scope["printSource"] = .text(fingerprint)
        if let folder = printedReports, let pdf = Files.read(folder.appendingPathComponent(fingerprint + ".pdf").path) {
            scope["hasPDF"] = .flag(true)
            output.add(OutputFile(path: pdfFile, bytes: pdf))
        }
        let (document, _) = renderInLayout("report", scope)
        output.add(OutputFile(path: language.rawValue + "/" + ReaderPages.reportSlug(language) + "/index.html", bytes: document))
        return problems
    }
}

/// A chapter's HTML made part of the whole report.
enum ReportHTML {
    /// `id` of a chapter in the report: prefixed with the chapter's slug, so that two chapters'
    /// ids (`chart-…`, a heading's, a footnote's) never clash.
    static func prefixed(_ id: String, _ slug: String) -> String { slug + "--" + id }

    /// Headings one level down (the chapter's title is an h2 here), chart tables open, every id
    /// and every reference to one prefixed, links to chapters turned into links inside the page.
    static func embed(_ html: String, prefix slug: String, chapterURLs: [String: String]) -> String {
        var text = html
        for level in stride(from: 5, through: 1, by: -1) {
            text = text.replacingAll("<h\(level)", with: "<h\(level + 1)").replacingAll("</h\(level)>", with: "</h\(level + 1)>")
        }
        text = text.replacingAll("<details class=\"chart-data\">", with: "<details class=\"chart-data\" open>")
        return rewritingReferences(text, slug: slug, chapterURLs: chapterURLs)
    }

    /// Attributes whose value is one id or a list of ids (after a space: ` id="…"`).
    private static let idAttributes: [[UInt8]] = ["id", "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls"]
        .map { Array($0.utf8) + [UInt8(ascii: "="), 0x22] }

    /// One pass over the chapter's bytes: every id and id list, every in-page reference
    /// (`href="#…"`, also `xlink:href`, and SVG's `url(#…)`) prefixed with `slug`, and every
    /// relative link to a chapter (`href="../financien/index.html#x"`) made a link inside the page.
    /// (Regular expressions with look-behind cost more than the rest of the build on a
    /// chapter with its charts.)
    static func rewritingReferences(_ html: String, slug: String, chapterURLs: [String: String]) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        let quote: UInt8 = 0x22
        func starts(_ prefix: [UInt8], at index: Int) -> Bool {
            index + prefix.count <= bytes.count && bytes[index..<index + prefix.count].elementsEqual(prefix)
        }
        /// Copies `prefix`, then the value up to `end` (not empty), rewritten by `transform`.
        func rewrite(at index: inout Int, prefix: Int, end: UInt8, _ transform: (String) -> String?) {
            let start = index + prefix
            var stop = start
            while stop < bytes.count, bytes[stop] != end { stop += 1 }
            output.append(contentsOf: bytes[index..<start])
            let value = String(decoding: bytes[start..<stop], as: UTF8.self)
            if stop > start, stop < bytes.count, let new = transform(value) {
                output.append(contentsOf: new.utf8)
            } else {
                output.append(contentsOf: bytes[start..<stop])
            }
            index = stop
        }
        let hrefFragment = Array("href=\"#".utf8), svgURL = Array("url(#".utf8), hrefPath = Array("href=\"../".utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D,
                let attribute = idAttributes.first(where: { starts($0, at: index + 1) })
            {
                rewrite(at: &index, prefix: 1 + attribute.count, end: quote) { value in
                    value.split(separator: " ").map { prefixed(String($0), slug) }.joined(separator: " ")
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
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
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

    /// FNV-1a (64 bits) of the page, in hexadecimal: tells one rendering from another (not a
    /// security measure).
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
