import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// One chapter file read: its front matter (title, order, slug, description, template) and its
/// Markdown body.
extension ContentLoader {
    mutating func parsePage(_ text: String, name: String, language: Language, file: String) -> Page? {
        // Front matter: the lines between a first line `---` and the next line `---`, found by a
        // scan of the bytes line by line (a long body is neither split into lines nor copied twice).
        guard let split = Self.splitFrontMatter(text) else {
            diagnostics.error(SourceLocation(file: file), .page(.missingFrontMatter))
            return nil
        }
        guard let (yaml, close, rawBody) = split else {
            diagnostics.error(SourceLocation(file: file), .page(.unclosedFrontMatter))
            return nil
        }
        var reader = YAMLReader(file: file, lineOffset: 1)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        let body = withoutInvisibleCharacters(rawBody, file: file, firstLine: close + 2)
        guard let root = reader.parse(yaml) else { return nil }
        guard let pairs = reader.mapping(root, what: "front matter") else { return nil }
        let misspelled = reader.rejectUnknownKeys(pairs, known: Page.frontMatterKeys, what: "front matter")
        let values = YAMLReader.index(pairs)
        func value(_ key: String) -> YAMLNode? { values[key] }
        guard let titleNode = value("title") else {
            if !misspelled.contains("title") { reader.error(root, .page(.missingTitle)) }
            return nil
        }
        guard let title = reader.string(titleNode, what: "title") else { return nil }
        var page = Page(
            name: name, language: language, title: title, description: nil, order: 0,
            slug: name == "index" ? "" : name, template: name == "index" ? "home" : "page",
            body: body, bodyLineOffset: close + 1, file: file)
        page.titleLocation = reader.textLocation(of: titleNode)
        page.frontMatterLocation = reader.location(of: root)
        // A misspelled `order` key is reported as such, not also as missing.
        if misspelled.contains("order") { page.orderLocation = page.frontMatterLocation }
        if let node = value("order") {
            page.orderLocation = reader.location(of: node)
            page.declaredOrder = reader.integer(node, what: "order", range: 0...10_000)
            page.order = page.declaredOrder ?? 0
        }
        if let node = value("description") {
            page.description = reader.string(node, what: "description")
            page.descriptionLocation = reader.textLocation(of: node)
        }
        if let node = value("template") {
            page.template = reader.string(node, what: "template") ?? page.template
            page.templateLocation = reader.location(of: node)
        }
        if let node = value("draft") {
            page.draftLocation = reader.location(of: node)
            switch node.string?.trimmingWhitespace.lowercased() {
            case "true" where page.isHome:
                reader.error(node, .page(.homeDraft))
            case "true": page.isDraft = true
            case "false": break
            default: reader.error(node, .page(.draftNotTrueOrFalse(written: node.string)))
            }
        }
        if let node = value("source"), let code = reader.string(node, what: "source") {
            page.sourceLocation = reader.location(of: node)
            if let source = languages.first(where: { $0.code == code }) {
                page.sourceLanguage = source
            } else {
                reader.error(node, .page(.sourceNotALanguage(code, languages: languages.map(\.code))))
            }
        }
        if let node = value("slug"), let slug = reader.string(node, what: "slug") {
            page.slugLocation = reader.location(of: node)
            if slug.contains("/") || slug.contains("..") {
                reader.error(node, .page(.slugWithPath(slug)))
            } else if !Keys.isValid(slug) {
                reader.error(node, .page(.invalidSlug(slug)))
            } else if page.isHome {
                reader.error(node, .page(.homeSlug))
            } else {
                page.slug = slug
            }
        } else if !page.isHome, !Keys.isValid(name) {
            reader.error(root, .page(.invalidFileName(page: name)))
        }
        return page
    }

    /// nil: no opening `---` line; `.some(nil)`: not closed; else the YAML between the fences,
    /// the closing fence's line number and the text after it.
    static func splitFrontMatter(_ text: String) -> (yaml: String, close: Int, body: [UInt8])?? {
        var text = text
        return text.withUTF8 { bytes -> (yaml: String, close: Int, body: [UInt8])?? in
            func isFence(_ line: Range<Int>) -> Bool {
                var lower = line.lowerBound, upper = line.upperBound
                while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D { upper -= 1 }
                return upper - lower == 3 && bytes[lower] == 0x2D && bytes[lower + 1] == 0x2D && bytes[lower + 2] == 0x2D
            }
            var start = 0, number = 0
            /// The next line (without its line break) and where the one after starts.
            func nextLine() -> Range<Int>? {
                guard start <= bytes.count, !(start == bytes.count && number > 0) else { return nil }
                var end = start
                if let base = bytes.baseAddress, start < bytes.count,
                    let found = memchr(base + start, 0x0A, bytes.count - start)
                {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    end = bytes.count
                }
                defer { start = end + 1; number += 1 }
                return start..<end
            }
            guard let first = nextLine(), isFence(first) else { return nil }
            let yamlStart = start
            while let line = nextLine() {
                if isFence(line) {
                    let yaml = String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[yamlStart..<max(yamlStart, line.lowerBound - 1)]), as: UTF8.self)
                    let body = start < bytes.count ? Array(UnsafeBufferPointer(rebasing: bytes[start...])) : []
                    return .some((yaml, number - 1, body))
                }
            }
            return .some(nil)
        }
    }
}
