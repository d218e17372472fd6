import Diagnostics
import Foundation
import RapportCore

/// Copied from Tests/RapportCoreTests/TestSite.swift (test targets cannot share files).
/// A small site written from inline files into a temporary folder, built with the real
/// templates and UI strings of the repository (Hugo's `hugolib.Test` in spirit).
struct TestSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }
    var output: URL { root.appendingPathComponent("Public") }

    /// A site with the repository's templates and UI strings, a site.yml, and `files`
    /// (paths relative to the site folder, e.g. `Content/nl/index.md`).
    init(_ files: [String: String], withDefaults: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if withDefaults {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Templates").resolvingSymlinksInPath(), to: templates)
            try FileManager.default.createDirectory(at: content.appendingPathComponent("i18n"), withIntermediateDirectories: true)
            for language in ["nl", "fr"] {
                try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Content/i18n/\(language).yml").resolvingSymlinksInPath(),
                                                 to: content.appendingPathComponent("i18n/\(language).yml"))
            }
            try write("Content/site.yml", Self.siteYML)
        }
        for (path, text) in files { try write(path, text) }
    }

    static let siteYML = """
    title: {nl: Testsite, fr: Site de test}
    description: {nl: Een test., fr: Un test.}
    baseURL: https://example.org/
    languages: [nl, fr]
    defaultLanguage: nl
    """

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    @discardableResult
    func build(write: Bool = true) -> Pipeline.Result {
        Pipeline(.init(content: content, templates: templates, output: output, write: write)).run()
    }

    func read(_ path: String) -> String? {
        try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Diagnostics with paths relative to the site folder.
    func messages(_ result: Pipeline.Result) -> [String] {
        result.diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    /// A page with front matter.
    static func page(_ title: String, order: Int = 1, slug: String? = nil, _ body: String = "Tekst.") -> String {
        "---\ntitle: \(title)\norder: \(order)\n\(slug.map { "slug: \($0)\n" } ?? "")---\n\(body)\n"
    }

    /// The minimal valid bilingual site: a home page and one chapter in each language.
    static let minimal: [String: String] = [
        "Content/nl/index.md": page("Home", order: 0, "Welkom."),
        "Content/fr/index.md": page("Accueil", order: 0, "Bienvenue."),
        "Content/nl/volunteers.md": page("Vrijwilligers", slug: "vrijwilligers", "## Taken\n\nZie [financiën](finances.md#inkomsten).\n"),
        "Content/fr/volunteers.md": page("Volontaires", slug: "volontaires", "## Tâches\n\nVoir [finances](finances.md#revenus).\n"),
        "Content/nl/finances.md": page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nGeld.\n"),
        "Content/fr/finances.md": page("Finances", order: 2, slug: "finances", "## Revenus\n\nArgent.\n"),
    ]
}
