import Diagnostics
import Foundation
import SurveyData

/// Search (`/nl/zoeken/`, `/fr/recherche/`): a page listing every chapter, section and chart
/// as links (all a reader without JavaScript needs), and beside it `search-index.json`, the
/// index `assets/search.js` searches: chapters, sections (heading and paragraphs), charts
/// (title, finding, question, category and series labels). Template `search.mustache`.
extension SiteRenderer {
    func renderSearch(_ chapters: [RenderedChapter], _ language: Language, into output: SiteOutput) -> [Diagnostic] {
        let path = ReaderPages.searchPath(language, site: site)
        let folder = language.rawValue + "/" + ReaderPages.searchSlug(language) + "/"
        let depth = Self.depth(ofFile: folder + "index.html")
        var entries: [SearchIndex.Entry] = []
        var listed: [TemplateScope] = []
        for (number, chapter) in chapters.enumerated() {
            let chapterEntries = SearchIndex.entries(
                of: chapter, number: number, url: link(to: chapter.page, from: depth), language: language,
                datasets: datasets)
            entries += chapterEntries
            let items = chapterEntries.filter { $0.kind != .chapter }.map { entry in
                TemplateScope([
                    "title": .text(entry.title), "url": .text(entry.url), "isChart": .flag(entry.kind == .chart),
                    "kind": .text(entry.kind.rawValue),
                ])
            }
            listed.append(
                TemplateScope([
                    "title": .text(chapter.page.title), "url": .text(link(to: chapter.page, from: depth)),
                    "items": .list(items), "hasItems": .flag(!items.isEmpty),
                ]))
        }
        output.add(
            OutputFile(
                path: folder + "search-index.json",
                contents: SearchIndex.json(entries, chapters: chapters.map { ($0.page.title, link(to: $0.page, from: depth)) })))
        let scope = pageScope(
            language: language, title: strings[language]?["search_title"] ?? "",
            description: site.description[language], path: path,
            alternates: readerAlternates(ReaderPages.searchPath), current: nil, from: depth)
        scope["searchChapters"] = .list(listed)
        scope["indexURL"] = .text(relative(path + "search-index.json", from: depth))
        let (document, problems) = renderInLayout("search", scope)
        output.add(OutputFile(path: folder + "index.html", bytes: document))
        return problems
    }
}

/// The search index of one language, made from the chapters' HTML.
enum SearchIndex {
    enum Kind: String { case chapter, section, chart }

    struct Entry {
        var kind: Kind
        /// Index of the chapter in the language's list.
        var chapter: Int
        var title: String
        var url: String
        var text: String
    }

    /// The chapter (its text before the first heading), each section with an id (its text up
    /// to the next heading) and each chart, in the order they appear.
    static func entries(
        of chapter: RenderedChapter, number: Int, url: String, language: Language,
        datasets: [String: Dataset]
    ) -> [Entry] {
        let html = String(decoding: chapter.html, as: UTF8.self) as NSString
        let headings = Dictionary(chapter.headings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries = [Entry(kind: .chapter, chapter: number, title: chapter.page.title, url: url, text: "")]
        var current = 0
        var position = 0
        var chartNumber = 0
        func flush(upTo end: Int) {
            let text = plainText(html.substring(with: NSRange(location: position, length: end - position)))
            entries[current].text += (entries[current].text.isEmpty || text.isEmpty ? "" : " ") + text
        }
        for match in markers.matches(in: html as String, range: NSRange(location: 0, length: html.length)) {
            flush(upTo: match.range.location)
            position = match.range.location + match.range.length
            if match.range(at: 1).location != NSNotFound {
                let id = html.substring(with: match.range(at: 2))
                let title = headings[id].map { Typography.apply($0.text, language) } ?? id
                entries.append(Entry(kind: .section, chapter: number, title: title, url: url + "#" + id, text: ""))
                current = entries.count - 1
            } else {
                // A chart: its texts come from its dataset, the figure's own HTML is skipped.
                let id = html.substring(with: match.range(at: 4))
                let end = html.range(
                    of: match.range(at: 3).location != NSNotFound ? "</svg>" : "</figure>",
                    range: NSRange(location: position, length: html.length - position))
                if end.location != NSNotFound { position = end.location + end.length }
                let datasetId = chapter.charts.indices.contains(chartNumber) ? chapter.charts[chartNumber] : ""
                chartNumber += 1
                guard let dataset = datasets[datasetId].map({ Typography.apply($0, language) }) else { continue }
                var words = [dataset.finding?[language], dataset.question?[language]].compactMap { $0 }
                words += dataset.rows.map { $0.label[language] } + dataset.series.map { $0.label[language] }
                entries.append(
                    Entry(
                        kind: .chart, chapter: number, title: dataset.title[language], url: url + "#" + id,
                        text: joined(words.filter { !$0.isEmpty })))
            }
        }
        flush(upTo: html.length)
        return entries
    }

    /// Headings with an id (groups 1, 2), chart figures and key-figure tiles (id in 4; 3 is set for tiles).
    private static let markers = try! NSRegularExpression(
        pattern:
            #"<h([1-6])[^>]*\sid="([^"]+)"[^>]*>.*?</h\1>|<(?:figure class="chart[^"]*"|div class="key-figures(")) id="([^"]+)"[^>]*>"#,
        options: [.dotMatchesLineSeparators])

    /// Footnote marks and back-links (not text), then SVG; tags inside a line of text go
    /// without a trace, the others leave a space.
    private static let notText = try! NSRegularExpression(
        pattern: #"<sup class="footnote-ref">[\s\S]*?</sup>|<a [^>]*data-footnote-backref[^>]*>[\s\S]*?</a>|<svg[\s\S]*?</svg>"#)
    private static let inlineTags = try! NSRegularExpression(
        pattern: #"</?(?:a|abbr|b|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>"#)
    private static let tags = try! NSRegularExpression(pattern: #"<[^>]*>"#)
    private static let entities = try! NSRegularExpression(pattern: #"&(#x?[0-9a-fA-F]+|[a-z]+);"#)

    /// The text of an HTML fragment: tags removed, entities decoded, white space collapsed.
    static func plainText(_ html: String) -> String {
        var stripped = html
        for (pattern, replacement) in [(notText, " "), (inlineTags, ""), (tags, " ")] {
            stripped = pattern.stringByReplacingMatches(
                in: stripped, range: NSRange(location: 0, length: (stripped as NSString).length),
                withTemplate: replacement)
        }
        let source = stripped as NSString
        var text = ""
        var position = 0
        for match in entities.matches(in: stripped, range: NSRange(location: 0, length: source.length)) {
            text += source.substring(with: NSRange(location: position, length: match.range.location - position))
            let name = source.substring(with: match.range(at: 1))
            text += decode(name) ?? source.substring(with: match.range)
            position = match.range.location + match.range.length
        }
        text += source.substring(from: position)
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A chart's texts in one line: "; " between them, a space after one that ends a sentence.
    static func joined(_ texts: [String]) -> String {
        var line = ""
        for text in texts {
            if !line.isEmpty { line += ".?!…:".contains(line.last ?? " ") ? " " : "; " }
            line += text
        }
        return line
    }

    private static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// `{"chapters":[[title, url], …],"entries":[[kind, chapter, title, fragment, text], …]}`:
    /// kind is c, s or g (a chart); an entry's address is its chapter's URL and its fragment.
    static func json(_ entries: [Entry], chapters: [(title: String, url: String)]) -> String {
        var json =
            "{\"chapters\":[" + chapters.map { "[\(quoted($0.title)),\(quoted($0.url))]" }.joined(separator: ",") + "],\"entries\":[\n"
        json += entries.map { entry in
            let kind = entry.kind == .chapter ? "c" : entry.kind == .section ? "s" : "g"
            let fragment = entry.url.firstIndex(of: "#").map { String(entry.url[$0...]) } ?? ""
            return "[\"\(kind)\",\(entry.chapter),\(quoted(entry.title)),\(quoted(fragment)),\(quoted(entry.text))]"
        }.joined(separator: ",\n")
        return json + "]}\n"
    }

    /// A JSON string; `<` escaped too, so the text is harmless wherever it ends up.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "<": result += "\\u003c"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
