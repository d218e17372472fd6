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
        var entries: [SearchIndex.Entry] = []
        var listed: [TemplateScope] = []
        for (number, chapter) in chapters.enumerated() {
            let chapterEntries = SearchIndex.entries(
                of: chapter, number: number, url: url(of: chapter.page), language: language,
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
                    "title": .text(chapter.page.title), "url": .text(url(of: chapter.page)),
                    "items": .list(items), "hasItems": .flag(!items.isEmpty),
                ]))
        }
        output.add(
            OutputFile(
                path: folder + "search-index.json",
                contents: SearchIndex.json(entries, chapters: chapters.map { ($0.page.title, url(of: $0.page)) })))
        let scope = pageScope(
            language: language, title: strings[language]?["search_title"] ?? "",
            description: site.description[language], path: path,
            alternates: readerAlternates(ReaderPages.searchPath), current: nil)
        scope["searchChapters"] = .list(listed)
        scope["indexURL"] = .text(path + "search-index.json")
        let (document, problems) = renderInLayout("search", scope)
        output.add(OutputFile(path: folder + "index.html", bytes: document))
        return problems
    }
}

/// The search index of one language, made from the chapters' text as the Markdown stage read it
/// (`Markdown.Reading`).
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

    /// The chapter (its text before the first heading), each section (its text up to the next
    /// heading) and each chart, in the order they appear.
    static func entries(
        of chapter: RenderedChapter, number: Int, url: String, language: Language,
        datasets: [String: Dataset]
    ) -> [Entry] {
        var entries = [Entry(kind: .chapter, chapter: number, title: chapter.page.title, url: url, text: "")]
        var current = 0
        var text = ""
        func close() {
            entries[current].text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            text = ""
        }
        var chartNumber = 0
        var placed: [String: Int] = [:]
        for piece in chapter.reading {
            switch piece {
            case let .text(words): text += words
            case let .heading(index):
                close()
                let heading = chapter.headings[index]
                entries.append(
                    Entry(
                        kind: .section, chapter: number, title: Typography.apply(heading.text, language), url: url + "#" + heading.id,
                        text: ""))
                current = entries.count - 1
            case .figure:
                // A chart: its texts come from its dataset; its id is the figure's (`chart-<id>`, `-2` … when placed again).
                text += " "
                let datasetId = chapter.charts.indices.contains(chartNumber) ? chapter.charts[chartNumber] : ""
                chartNumber += 1
                placed[datasetId, default: 0] += 1
                guard let dataset = datasets[datasetId].map({ Typography.apply($0, language) }) else { continue }
                let count = placed[datasetId] ?? 1
                var words = [dataset.finding?[language], dataset.question?[language]].compactMap { $0 }
                words += dataset.rows.map { $0.label[language] } + dataset.series.map { $0.label[language] }
                entries.append(
                    Entry(
                        kind: .chart, chapter: number, title: dataset.title[language],
                        url: url + "#chart-" + datasetId + (count > 1 ? "-\(count)" : ""), text: joined(words.filter { !$0.isEmpty })))
            }
        }
        close()
        return entries
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

    static func decode(_ entity: String) -> String? {
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
