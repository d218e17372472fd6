import Diagnostics
import Foundation
import SurveyData
import Yams

/// `Content/site.yml`: the site's title and description per language, its base URL, its languages.
struct SiteConfig {
    var title: Localized
    var description: Localized
    /// Absolute URL the site is published at, ending in `/` (used for canonical URLs and the sitemap).
    var baseURL: String
    /// `https://example.org` (scheme, host and port of `baseURL`).
    var origin: String
    /// Path part of `baseURL` (`/` or `/studie/`), percent-encoded: site paths start with it (SiteURLs.swift).
    var basePath: String
    var defaultLanguage: Language
    /// `updated: 2024-05-15` (optional): the "last updated" date in the footer.
    var updated: SiteDate?
    /// `publisher: {nl: …, fr: …}` (optional): who publishes the study, in "cite this chart".
    var publisher: Localized?
    var file: String
    /// `theme:` and `study:` (Theme.swift).
    var theme = Theme()
    var study = StudyTexts()

    static let keys = ["title", "description", "baseURL", "languages", "defaultLanguage", "updated", "publisher", "theme", "study"]
}

/// One Markdown chapter in one language.
struct Page {
    /// File name without `.md`: the same in both languages for a page and its translation.
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

/// UI strings of one language (`Content/i18n/<lang>.yml`): navigation, chart labels, footer …
struct Strings {
    var values: [String: String]
    var locations: [String: SourceLocation]
    var file: String

    subscript(key: String) -> String { values[key] ?? "" }
}

/// Reads `site.yml`, the chapters and the UI strings, reporting every mistake.
struct ContentLoader {
    let contentDirectory: URL
    let display: @Sendable (URL) -> String
    var diagnostics = DiagnosticBag()

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

    // MARK: site.yml

    mutating func loadSite() -> SiteConfig? {
        let url = contentDirectory.appendingPathComponent("site.yml")
        let file = display(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.error(
                SourceLocation(file: file), "missing site configuration",
                fix: "create Content/site.yml with title, description, baseURL, languages and defaultLanguage")
            return nil
        }
        guard let text = readText(url) else { return nil }
        var reader = YAMLReader(file: file)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let root = reader.parse(text), let pairs = reader.mapping(root, what: "site.yml") else { return nil }
        let misspelled = reader.rejectUnknownKeys(pairs, known: SiteConfig.keys, what: "site")
        func value(_ key: String) -> Node? {
            let node = pairs.first { $0.key == key }?.value
            if node == nil, !misspelled.contains(key) { reader.error(root, "missing key \"\(key)\"") }
            return node
        }
        let title = value("title").flatMap { reader.localized($0, what: "site title") }
        let description = value("description").flatMap { reader.localized($0, what: "site description") }
        var baseURL = "/", basePath = "/", origin = ""
        if let node = value("baseURL"), let text = reader.string(node, what: "baseURL") {
            switch Self.parseBaseURL(text) {
            case let .success(parsed): (origin, basePath) = parsed; baseURL = origin + basePath
            case let .failure(problem): reader.error(node, problem.message, fix: problem.fix)
            }
        }
        if let node = value("languages") {
            if case let .sequence(items) = node {
                let names = items.compactMap(\.string)
                if names.sorted() != Language.allCases.map(\.rawValue).sorted() {
                    reader.error(node, "languages must be exactly nl and fr, not \(names.joined(separator: ", "))")
                }
            } else {
                reader.error(node, "languages must be a list: [nl, fr]")
            }
        }
        var defaultLanguage = Language.nl
        if let node = value("defaultLanguage"), let name = reader.string(node, what: "defaultLanguage") {
            if let language = Language(rawValue: name) {
                defaultLanguage = language
            } else {
                reader.error(node, "defaultLanguage \"\(name)\" is not one of nl, fr")
            }
        }
        var updated: SiteDate?
        if let node = pairs.first(where: { $0.key == "updated" })?.value, let text = reader.string(node, what: "updated") {
            updated = SiteDate(iso: text)
            if updated == nil {
                reader.error(node, "updated \"\(text)\" is not a date", fix: "write it as YYYY-MM-DD, e.g. updated: 2024-05-15")
            }
        }
        let publisher = pairs.first(where: { $0.key == "publisher" }).flatMap { reader.localized($0.value, what: "publisher") }
        guard let title, let description else { return nil }
        var site = SiteConfig(
            title: title, description: description, baseURL: baseURL, origin: origin, basePath: basePath,
            defaultLanguage: defaultLanguage, updated: updated, publisher: publisher, file: file)
        if let node = pairs.first(where: { $0.key == "theme" })?.value { site.theme = Theme.parse(node, reader: &reader) }
        if let node = pairs.first(where: { $0.key == "study" })?.value { site.study = StudyTexts.parse(node, reader: &reader) }
        return site
    }

    // MARK: UI strings

    mutating func loadStrings() -> [Language: Strings] {
        var result: [Language: Strings] = [:]
        var emptyStrings: [(Language, String)] = []
        for language in Language.allCases {
            let url = contentDirectory.appendingPathComponent("i18n/\(language.rawValue).yml")
            let file = display(url)
            guard FileManager.default.fileExists(atPath: url.path) else {
                diagnostics.error(
                    SourceLocation(file: file), "missing UI strings for \(language.englishName)",
                    fix: "create \(file) with the same keys as the other language")
                continue
            }
            guard let text = readText(url) else { continue }
            var reader = YAMLReader(file: file)
            var strings = Strings(values: [:], locations: [:], file: file)
            if let root = reader.parse(text), let pairs = reader.mapping(root, what: "UI strings") {
                for pair in pairs {
                    if let moved = StudyTexts.keys.first(where: { $0.string == pair.key }) {
                        reader.error(
                            pair.keyNode, "\"\(pair.key)\" is a text of the study, not of the interface: it belongs in site.yml now",
                            fix: "move it to site.yml as study: {\(moved.key): {nl: …, fr: …}} and delete it here")
                        continue
                    }
                    strings.locations[pair.key] = reader.location(of: pair.keyNode)
                    // A string with an error stands in as empty: a template that uses it raises
                    // no follow-up.
                    strings.values[pair.key] = ""
                    if case let .scalar(scalar) = pair.value, scalar.string.trimmingWhitespace.isEmpty {
                        emptyStrings.append((language, pair.key))
                    } else if let value = reader.string(pair.value, what: "UI string \"\(pair.key)\"") {
                        strings.values[pair.key] = value
                    }
                }
            }
            diagnostics.append(contentsOf: reader.diagnostics)
            result[language] = strings
        }
        reportEmpty(emptyStrings, in: result)
        // A key in one language only is an error in the other.
        if let nl = result[.nl], let fr = result[.fr] {
            for (have, lack, language) in [(nl, fr, Language.fr), (fr, nl, Language.nl)] {
                for key in have.locations.keys.sorted() where lack.locations[key] == nil {
                    diagnostics.error(
                        SourceLocation(file: lack.file), "UI string \"\(key)\" is missing in \(language.englishName)",
                        fix: "add \(key): …, as in \(have.locations[key].map { "\($0)" } ?? have.file)")
                }
            }
        }
        return result
    }

    // MARK: Pages

    mutating func loadPages() -> [Page] {
        var files: [(name: String, language: Language, path: String, file: String)] = []
        for language in Language.allCases {
            let folder = contentDirectory.appendingPathComponent(language.rawValue)
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
        return pages.sorted { ($0.language, $0.order, $0.name) < ($1.language, $1.order, $1.name) }
    }
}
