import Diagnostics
import Foundation
import SurveyData
import Yams

/// One Markdown chapter in one language.
struct Page {
    /// File name without `.md`: the same in every language for a page and its translations.
    var name: String
    var language: Language
    var title: String
    var description: String?
    var order: Int
    /// URL segment; empty for the home page (`index.md`).
    var slug: String
    var template: String
    /// The Markdown after the front matter, as UTF-8 (what cmark reads).
    var body: [UInt8]
    /// Lines of front matter above the Markdown body (to report body lines correctly).
    var bodyLineOffset: Int
    var file: String
    var slugLocation: SourceLocation?
    var templateLocation: SourceLocation?
    /// Where the title's and description's texts start (for `{{…}}` in them).
    var titleLocation: SourceLocation?
    var descriptionLocation: SourceLocation?

    /// `order:` as written (nil when missing or not a number) and where; the root of the front
    /// matter, for what it lacks.
    var declaredOrder: Int?
    var orderLocation: SourceLocation?
    var frontMatterLocation: SourceLocation?

    /// Set for a page whose file had errors: it stands in so no follow-up errors are reported.
    var isPlaceholder = false

    var isHome: Bool { name == "index" }

    static func placeholder(name: String, language: Language, file: String) -> Page {
        var page = Page(
            name: name, language: language, title: name, description: nil, order: 0, slug: name,
            template: "page", body: [], bodyLineOffset: 0, file: file)
        page.isPlaceholder = true
        return page
    }

    static let frontMatterKeys = ["title", "order", "slug", "description", "template"]
}

/// Reads `site.yml`, the chapters and the UI strings, reporting every mistake.
struct ContentLoader {
    let contentDirectory: URL
    let display: @Sendable (URL) -> String
    var diagnostics = DiagnosticBag()
    /// The site's languages, once `loadSite` has read them (today's nl and fr until then).
    var languages = Language.fallback
    /// Entries of site.yml's `languages` that are not usable (reported there): texts in them are
    /// not reported again.
    var toleratedLanguageKeys: [String] = []

    init(contentDirectory: URL, display: @escaping @Sendable (URL) -> String) {
        self.contentDirectory = contentDirectory
        self.display = display
    }

    /// True (and reported) when `url` leads outside the content folder through a symbolic link
    /// (the file itself or a folder on its way).
    mutating func refusesLink(_ url: URL) -> Bool {
        guard Files.exists(url.path), !Files.resolves(url.path, inside: contentDirectory.path) else { return false }
        diagnostics.append(Files.refusedLink(display(url), root: display(contentDirectory) + "/"))
        return true
    }

    mutating func readText(_ url: URL) -> String? {
        if refusesLink(url) { return nil }
        switch DatasetLoader.readText(url, display: display(url)) {
        case let .success(text): return text
        case let .failure(diagnostic): diagnostics.append(diagnostic); return nil
        }
    }

    // MARK: Pages

    mutating func loadPages() -> [Page] {
        var files: [(name: String, language: Language, path: String, file: String)] = []
        for language in languages {
            let folder = contentDirectory.appendingPathComponent(language.code)
            let displayFolder = display(folder)
            guard refusesLink(folder) == false else { continue }
            for entry in Files.listFollowingInside(folder.path, within: contentDirectory.path, recursive: false) {
                let file = displayFolder + "/" + entry.path
                let name = entry.name
                guard let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].lowercased() == "md" else { continue }
                if entry.kind == .refusedLink {
                    diagnostics.append(Files.refusedLink(file, root: display(contentDirectory) + "/"))
                    continue
                }
                guard entry.kind == .file else { continue }
                if !name.hasSuffix(".md") {
                    diagnostics.error(
                        SourceLocation(file: file), "chapter file \"\(name)\" ends in \"\(name[dot...])\", not \".md\"",
                        fix: "rename it to \(name[..<dot]).md")
                    continue
                }
                files.append((String(entry.path.dropLast(3)), language, folder.path + "/" + entry.path, file))
            }
        }
        // Read and parse on all cores. A page that cannot be read or parsed still takes its
        // place (with its error reported), so that its translation and the links to it raise no
        // further errors.
        let loaded = files.parallelMap { file -> (Page, [Diagnostic]) in
            var loader = ContentLoader(contentDirectory: contentDirectory, display: display)
            var page: Page?
            switch Files.readText(file.path, display: file.file) {
            case let .success(text): page = loader.parsePage(text, name: file.name, language: file.language, file: file.file)
            case let .failure(diagnostic): loader.diagnostics.append(diagnostic)
            }
            return (page ?? Page.placeholder(name: file.name, language: file.language, file: file.file), loader.diagnostics.items)
        }
        for (_, problems) in loaded { diagnostics.append(contentsOf: problems) }
        let pages = loaded.map(\.0)
        checkPairs(pages)
        checkSlugs(pages)
        checkOrders(pages)
        return pages.sorted { (position(of: $0.language), $0.order, $0.name) < (position(of: $1.language), $1.order, $1.name) }
    }

    mutating func parsePage(_ text: String, name: String, language: Language, file: String) -> Page? {
        // Front matter: the lines between a first line `---` and the next line `---`, found by a
        // scan of the bytes line by line (a long body is neither split into lines nor copied twice).
        guard let split = Self.splitFrontMatter(text) else {
            diagnostics.error(
                SourceLocation(file: file), "missing front matter",
                fix: "start the file with ---, then title: …, order: …, then ---")
            return nil
        }
        guard let (yaml, close, rawBody) = split else {
            diagnostics.error(SourceLocation(file: file), "front matter is not closed", fix: "add a line --- after the last key")
            return nil
        }
        var reader = YAMLReader(file: file, lineOffset: 1)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        let body = withoutInvisibleCharacters(rawBody, file: file, firstLine: close + 2)
        guard let root = reader.parse(yaml) else { return nil }
        guard let pairs = reader.mapping(root, what: "front matter") else { return nil }
        let misspelled = reader.rejectUnknownKeys(pairs, known: Page.frontMatterKeys, what: "front matter")
        let values = YAMLReader.index(pairs)
        func value(_ key: String) -> Node? { values[key] }
        guard let titleNode = value("title") else {
            if !misspelled.contains("title") { reader.error(root, "missing title", fix: "add title: … to the front matter") }
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
        if let node = value("slug"), let slug = reader.string(node, what: "slug") {
            page.slugLocation = reader.location(of: node)
            if slug.contains("/") || slug.contains("..") {
                reader.error(node, "slug \"\(slug)\" must not contain \"/\" or \"..\"", fix: "use one path segment, e.g. vrijwilligers")
            } else if !DatasetParser.isValidKey(slug) {
                reader.error(node, "slug \"\(slug)\" may only use a-z, 0-9 and -")
            } else if page.isHome {
                reader.error(node, "the home page (index.md) has no slug")
            } else {
                page.slug = slug
            }
        } else if !page.isHome, !DatasetParser.isValidKey(name) {
            reader.error(root, "file name \"\(name).md\" is not a valid URL segment", fix: "add slug: … or rename the file (a-z, 0-9, -)")
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

    /// Pages pair by file name: a page missing in a language is an error naming that language,
    /// at the page of the first language that has it.
    mutating func checkPairs(_ pages: [Page]) {
        let byLanguage = Dictionary(grouping: pages, by: \.language).mapValues { Set($0.map(\.name)) }
        var reported = Set<String>()
        for page in pages.sorted(by: { position(of: $0.language) < position(of: $1.language) }) where !reported.contains(page.name) {
            let missing = languages.filter { !(byLanguage[$0]?.contains(page.name) ?? false) }
            guard !missing.isEmpty else { continue }
            reported.insert(page.name)
            let names = missing.map(\.englishName)
            let present = languages.filter { !missing.contains($0) }
            diagnostics.error(
                SourceLocation(file: page.file),
                present.count == 1
                    ? "page \"\(page.name).md\" exists in \(page.language.englishName) only"
                    : "page \"\(page.name).md\" is missing in \(Self.list(names))",
                fix: "add its translation as " + Self.list(missing.map { "Content/\($0.code)/\(page.name).md" }))
        }
    }

    func position(of language: Language) -> Int { languages.firstIndex(of: language) ?? languages.count }

    /// "German", "German and English", "Dutch, German and English".
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    mutating func checkSlugs(_ pages: [Page]) {
        for language in languages {
            var seen: [String: Page] = [:]
            for page in pages where page.language == language && !page.isHome {
                if page.slug == SiteRenderer.dataFolder {
                    // The folder of the CSV files and the data page (DataPage.swift).
                    diagnostics.error(
                        page.slugLocation ?? SourceLocation(file: page.file),
                        "the slug \"\(page.slug)\" is taken by the data page (/\(language.code)/\(page.slug)/)",
                        fix: page.slugLocation == nil ? "add slug: … with another address" : "give the page another slug")
                    continue
                }
                if let first = seen[page.slug] {
                    diagnostics.error(
                        page.slugLocation ?? SourceLocation(file: page.file),
                        "two pages with the slug \"\(page.slug)\" in \(language.englishName)",
                        fix: "\(first.file) has it too; give one of them another slug")
                } else {
                    seen[page.slug] = page
                }
            }
        }
    }
}
