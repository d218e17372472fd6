import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// One Markdown chapter in one language.
/// A page's identity across the site: its language and file name (`nl`, `finances`). Pages
/// pair with their translations by file name; every index of pages is keyed by this.
struct PageKey: Hashable, Sendable {
    let language: Language
    let name: String
}

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
    /// `draft: true`: left out of `rapport build` (in every language), shown by `rapport serve`
    /// with a band; where the key is.
    var isDraft = false
    var draftLocation: SourceLocation?
    /// `source: fr`: the language the page was first written in, which its translations
    /// translate (Translations/); nil: the site's default language. Where the key is.
    var sourceLanguage: Language?
    var sourceLocation: SourceLocation?

    var isHome: Bool { name == "index" }

    var key: PageKey { PageKey(language: language, name: name) }

    /// The page's id in the whole report, in front of each of its own ids: its slug, `index`
    /// for the home page (which has none).
    var reportId: String { isHome ? "index" : slug }

    static func placeholder(name: String, language: Language, file: String) -> Page {
        var page = Page(
            name: name, language: language, title: name, description: nil, order: 0, slug: name,
            template: "page", body: [], bodyLineOffset: 0, file: file)
        page.isPlaceholder = true
        return page
    }

    static let frontMatterKeys = ["title", "order", "slug", "description", "template", "draft", "source"]
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
    /// Where `languages:` is in site.yml.
    var languagesLocation: SourceLocation?

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
        switch Files.readText(url.path, display: display(url)) {
        case let .success(text): return text
        case let .failure(diagnostic): diagnostics.append(diagnostic); return nil
        }
    }

    // MARK: Pages

    mutating func loadPages() -> [Page] {
        reportUnlistedLanguageFolders()
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
                // A FIFO or device is read too, to be refused by name (`Files.read`).
                guard entry.kind == .file || entry.kind == .other else { continue }
                if !name.hasSuffix(".md") {
                    diagnostics.error(
                        SourceLocation(file: file), .page(.notMarkdown(name: String(name), stem: String(name[..<dot]), ending: String(name[dot...]))))
                    continue
                }
                files.append((String(entry.path.dropLast(3)), language, folder.path + "/" + entry.path, file))
            }
        }
        // Read and parse on all cores. A page that cannot be read or parsed still takes its
        // place (with its error reported), so that its translation and the links to it raise no
        // further errors.
        let (contentDirectory, display, languages) = (self.contentDirectory, self.display, self.languages)
        let loaded = files.parallelMap { file -> (Page, [Diagnostic]) in
            var loader = ContentLoader(contentDirectory: contentDirectory, display: display)
            loader.languages = languages
            var page: Page?
            switch Files.readText(file.path, display: file.file) {
            case let .success(text): page = loader.parsePage(text, name: file.name, language: file.language, file: file.file)
            case let .failure(diagnostic): loader.diagnostics.append(diagnostic)
            }
            return (page ?? Page.placeholder(name: file.name, language: file.language, file: file.file), loader.diagnostics.items)
        }
        for (_, problems) in loaded { diagnostics.append(contentsOf: problems) }
        let pages = loaded.map(\.0)
        return pages.sorted { (position(of: $0.language), $0.order, $0.name) < (position(of: $1.language), $1.order, $1.name) }
    }

    /// A folder of chapters (`Content/de/`) for a language that `site.yml` does not list: its
    /// pages would be left out without a word.
    mutating func reportUnlistedLanguageFolders() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: contentDirectory.path)) ?? []
        for name in entries.sorted() where Language(code: name) != nil && !languages.contains(where: { $0.code == name }) {
            var isFolder: ObjCBool = false
            let path = contentDirectory.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                (try? FileManager.default.contentsOfDirectory(atPath: path))?.contains(where: { $0.hasSuffix(".md") }) == true
            else { continue }
            diagnostics.warning(
                languagesLocation ?? SourceLocation(file: display(contentDirectory.appendingPathComponent("site.yml"))),
                .site(.chaptersOfOtherLanguage(folder: name, languages: languages.map(\.code))))
        }
    }

    func position(of language: Language) -> Int { languages.firstIndex(of: language) ?? languages.count }

}
