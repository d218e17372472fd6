import Diagnostics
import Foundation
import RapportBase

/// `Content/site.yml`: the site's title and description per language, its base URL, its languages.
struct SiteConfig {
    var title: Localized
    var description: Localized
    /// Absolute URL the site is published at, ending in `/` (used for canonical URLs and the sitemap).
    var baseURL: String
    /// `https://example.org` (scheme, host and port of `baseURL`).
    var origin: String
    /// Path part of `baseURL` (`/` or `/studie/`), percent-encoded, prefixed to every internal link.
    var basePath: String
    /// `languages: [nl, fr, de]`, in the order of the language chooser.
    var languages: [Language] = Language.fallback
    /// `defaultLanguage:`, else the first language: the 404 page's.
    var defaultLanguage: Language
    /// `updated: 2024-05-15` (optional): the "last updated" date in the footer.
    var updated: SiteDate?
    /// `published: 2024` (optional, a year or a date): when the study was published, the year
    /// of every "cite this chart" (the same as the study's own citation). `updated` otherwise.
    var published: Int?
    /// `publisher: {nl: …, fr: …}` (optional): who publishes the study, in "cite this chart".
    var publisher: Localized?
    /// `doi: 10.1234/abcd` (optional): the study's DOI, in its citations and meta tags.
    var doi: String?
    /// `license: https://…` (optional): the URL of the licence of texts and data (schema.org,
    /// datapackage.json); the `study.licence` text says it in words.
    var license: String?
    var file: String
    /// `theme:` and `study:` (Theme.swift).
    var theme = Theme()
    var study = StudyTexts()

    static let keys = ["title", "description", "baseURL", "languages", "defaultLanguage", "updated", "published", "publisher", "doi", "license", "theme", "study"]

    /// The languages other than `language`, in the site's order.
    func others(than language: Language) -> [Language] { languages.filter { $0 != language } }

    /// The position of `language` in `languages` (for sorting pages by language).
}

extension ContentLoader {
    mutating func loadSite() -> SiteConfig? {
        let url = contentDirectory.appendingPathComponent("site.yml")
        let file = display(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.error(SourceLocation(file: file), .site(.missingSiteFile(file)))
            return nil
        }
        guard let text = readText(url) else { return nil }
        var reader = YAMLReader(file: file)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let root = reader.parse(text), let pairs = reader.mapping(root, what: "site.yml") else { return nil }
        let misspelled = reader.rejectUnknownKeys(pairs, known: SiteConfig.keys, what: "site")
        func value(_ key: String) -> YAMLNode? {
            let node = pairs.first { $0.key == key }?.value
            if node == nil, !misspelled.contains(key) { reader.error(root, .site(.missingKey(key))) }
            return node
        }
        // The languages first: every text of the site is read in each of them.
        if let node = value("languages") {
            languagesLocation = reader.location(of: node)
            if let languages = Self.languages(node, reader: &reader) { self.languages = languages }
        }
        reader.languages = languages
        if let items = pairs.first(where: { $0.key == "languages" })?.value.items {
            toleratedLanguageKeys = items.compactMap(\.string).filter { code in !languages.contains { $0.code == code } }
            reader.toleratedLanguageKeys = toleratedLanguageKeys
        }
        let title = value("title").flatMap { reader.localized($0, what: "site title") }
        let description = value("description").flatMap { reader.localized($0, what: "site description") }
        var baseURL = "/", basePath = "/", origin = ""
        if let node = value("baseURL"), let text = reader.string(node, what: "baseURL") {
            switch Self.parseBaseURL(text) {
            case let .success(parsed): (origin, basePath) = parsed; baseURL = origin + basePath
            case let .failure(fault): reader.error(node, .site(.baseURL(name: "baseURL", written: text, fault)))
            }
        }
        var defaultLanguage = languages[0]
        if let node = pairs.first(where: { $0.key == "defaultLanguage" })?.value,
            let name = reader.string(node, what: "defaultLanguage")
        {
            if let language = languages.first(where: { $0.code == name }) {
                defaultLanguage = language
            } else {
                reader.error(node, .site(.defaultLanguageNotListed(name, languages: languages.map(\.code))))
            }
        }
        var updated: SiteDate?
        if let node = pairs.first(where: { $0.key == "updated" })?.value, let text = reader.string(node, what: "updated") {
            updated = SiteDate(iso: text)
            if updated == nil {
                reader.error(node, .site(.updatedNotADate(text)))
            }
        }
        var published: Int?
        if let node = pairs.first(where: { $0.key == "published" })?.value, let text = reader.string(node, what: "published") {
            published = text.count == 4 ? Int(text).flatMap { (1000...9999).contains($0) ? $0 : nil } : SiteDate(iso: text)?.year
            if published == nil {
                reader.error(node, .site(.publishedNotAYear(text)))
            }
        }
        let publisher = pairs.first(where: { $0.key == "publisher" }).flatMap { reader.localized($0.value, what: "publisher") }
        guard let title, let description else { return nil }
        var site = SiteConfig(
            title: title, description: description, baseURL: baseURL, origin: origin, basePath: basePath,
            languages: languages, defaultLanguage: defaultLanguage, updated: updated, publisher: publisher, file: file)
        site.published = published
        if let node = pairs.first(where: { $0.key == "doi" })?.value, let text = reader.string(node, what: "doi") {
            site.doi = Self.doi(text)
            if site.doi == nil {
                reader.error(node, .site(.notADOI(text)))
            }
        }
        if let node = pairs.first(where: { $0.key == "license" })?.value, let text = reader.string(node, what: "license") {
            if let url = URLComponents(string: text), ["https", "http"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" })
            {
                site.license = text
            } else {
                reader.error(node, .site(.licenseNotAnAddress(text)))
            }
        }
        if let node = pairs.first(where: { $0.key == "theme" })?.value { site.theme = Theme.parse(node, reader: &reader) }
        if let node = pairs.first(where: { $0.key == "study" })?.value { site.study = StudyTexts.parse(node, reader: &reader) }
        return site
    }

    /// A DOI as written (`10.1234/abcd`, also after `doi:` or `https://doi.org/`), or nil: `10.`,
    /// a registrant of four to nine digits (dot-separated parts allowed), `/`, a suffix of
    /// printable characters without spaces.
    static func doi(_ text: String) -> String? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"] where rest.lowercased().hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        guard let slash = rest.firstIndex(of: "/"), rest.hasPrefix("10.") else { return nil }
        let registrant = rest[rest.index(rest.startIndex, offsetBy: 3)..<slash]
        let suffix = rest[rest.index(after: slash)...]
        let parts = registrant.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, (4...9).contains(first.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            !suffix.isEmpty, suffix.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace })
        else { return nil }
        return String(rest)
    }

    /// `languages: [nl, fr, de]`: one or more language codes Rapport knows, each once; nil
    /// (reported) when the list cannot be used.
    static func languages(_ node: YAMLNode, reader: inout YAMLReader) -> [Language]? {
        let supported = Language.supportedCodes
        guard let items = node.items, !items.isEmpty else {
            reader.error(node, .site(.languagesNotAList))
            return nil
        }
        var languages: [Language] = []
        for item in items {
            guard let code = reader.string(item, what: "a language code") else { continue }
            if let language = Language(code: code) {
                if languages.contains(language) {
                    reader.error(item, .site(.languageTwice(code)))
                } else {
                    languages.append(language)
                }
            } else if Language.isWellFormed(code) {
                reader.error(item, .site(.languageNotSupported(code, supported: supported)))
            } else {
                let lower = code.lowercased()
                reader.error(
                    item, .site(.notALanguageCode(code, lowercase: Language(code: lower) != nil ? lower : nil, supported: supported)))
            }
        }
        // The languages that could be read stand in for the list, so their texts are still checked.
        return languages.isEmpty ? nil : languages
    }
}
