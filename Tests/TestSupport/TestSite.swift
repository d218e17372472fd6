import Diagnostics
import Foundation
import RapportCore

/// Shared by the test targets (RapportCoreTests, RapportServeTests).
/// A small site written from inline files into a temporary folder, built with Rapport's own
/// templates and UI strings, those `rapport new` writes (Hugo's `hugolib.Test` in spirit).
public struct TestSite: Sendable {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    public let root: URL
    public var content: URL { root.appendingPathComponent("Content") }
    public var templates: URL { root.appendingPathComponent("Templates") }
    public var output: URL { root.appendingPathComponent("Public") }

    /// A site with Rapport's own templates and UI strings, a site.yml, and `files`
    /// (paths relative to the site folder, e.g. `Content/nl/index.md`).
    public init(_ files: [String: String], withDefaults: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if withDefaults {
            // The templates and UI strings `rapport new` writes (Rapport's own, embedded), not the
            // study's: editing the study never changes what these tests build.
            for (path, text) in StarterFiles.files(languages: [.nl, .fr])
            where path.hasPrefix("Templates/") || path.hasPrefix("Content/i18n/") {
                try write(path, text)
            }
            try write("Content/site.yml", Self.siteYML)
        }
        for (path, text) in files { try write(path, text) }
    }

    public static let siteYML = """
        title: {nl: Testsite, fr: Site de test}
        description: {nl: Een test., fr: Un test.}
        baseURL: https://example.org/
        languages: [nl, fr]
        defaultLanguage: nl
        """

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Into `output` (`write`), or kept in memory (`Result.files`); either way a PDF printed
    /// beside `output` is published as `make pdf` would have it.
    /// `full`: built even when nothing changed since the last build (Cache/UpToDate.swift).
    @discardableResult
    public func build(write: Bool = true, showDrafts: Bool = false, full: Bool = false) -> Pipeline.Result {
        var options = Pipeline.Options(
            content: content, templates: templates, destination: write ? .folder(output) : .memory,
            printedReports: Pipeline.printedReports(beside: output))
        options.showDrafts = showDrafts
        options.skipsWhenUpToDate = !full
        return Pipeline(options).run()
    }

    /// How the page at `path` (a file of the built site) links to the site path `target`
    /// (`/nl/data/`): relative to its folder, a folder with its `index.html`; 404.html from the
    /// site's root path, as it is shown at any address.
    public static func link(_ target: String, from path: String) -> String {
        guard path != "404.html" else { return target }
        var inSite = target.dropFirst()
        var fragment: Substring = ""
        if let hash = inSite.firstIndex(of: "#") {
            fragment = inSite[hash...]
            inSite = inSite[..<hash]
        }
        let file = inSite.isEmpty || inSite.hasSuffix("/") ? inSite + "index.html" : String(inSite)
        return String(repeating: "../", count: path.filter { $0 == "/" }.count) + file + fragment
    }

    public func read(_ path: String) -> String? {
        try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Diagnostics with paths relative to the site folder.
    public func messages(_ result: Pipeline.Result) -> [String] {
        result.diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
    }

    public func cleanUp() { try? FileManager.default.removeItem(at: root) }

    /// A page with front matter.
    public static func page(_ title: String, order: Int = 1, slug: String? = nil, _ body: String = "Tekst.") -> String {
        "---\ntitle: \(title)\norder: \(order)\n\(slug.map { "slug: \($0)\n" } ?? "")---\n\(body)\n"
    }

    /// The minimal valid bilingual site: a home page and one chapter in each language.
    public static let minimal: [String: String] = [
        "Content/nl/index.md": page("Home", order: 0, "Welkom."),
        "Content/fr/index.md": page("Accueil", order: 0, "Bienvenue."),
        "Content/nl/volunteers.md": page("Vrijwilligers", slug: "vrijwilligers", "## Taken\n\nZie [financiën](finances.md#inkomsten).\n"),
        "Content/fr/volunteers.md": page("Volontaires", slug: "volontaires", "## Tâches\n\nVoir [finances](finances.md#revenus).\n"),
        "Content/nl/finances.md": page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nGeld.\n"),
        "Content/fr/finances.md": page("Finances", order: 2, slug: "finances", "## Revenus\n\nArgent.\n"),
    ]
}
