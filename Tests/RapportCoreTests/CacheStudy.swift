import Foundation
import RapportBase
@testable import RapportCore
import RapportTestSupport

/// A small study the property test edits at random (BuildCacheTests): chapters with charts,
/// data references and an image, datasets, templates, UI strings, site.yml and its theme, all
/// kept as a model and written out as files after every edit.
struct CacheStudy {
    enum Edit: CaseIterable {
        case value, label, paragraph, heading, template, uiString, siteText, theme
        case datasetAdded, datasetRemoved, datasetRenamed, pageAdded, pageRemoved, pageRenamed, pagesReordered, imageReplaced
        /// A chart of an existing dataset placed in a chapter: the figures after it are numbered anew.
        case chartPlaced
        /// Every translation marked done (`rapport translations done --all`): later edits of a
        /// Dutch text put its French translation behind, a warning the cache must not lose.
        case translationsMarked
    }

    struct Dataset {
        var rows: [(key: String, label: String, value: Int)]
        var title = "Titel"
    }

    struct Chapter {
        var order: Int
        var heading = "Eerste"
        var paragraphs = ["Een alinea."]
        var charts: [String] = []
        var quotes: String?
        var image = false
    }

    let site: TestSite
    private var generator: SeededGenerator
    private var datasets: [String: Dataset] = [:]
    private var chapters: [String: Chapter] = [:]
    private var counter = 0
    private var template = ""
    private var uiString = "Download de cijfers (CSV)"
    private var description = "Een test."
    private var palette = 0
    private var image = (width: 40, height: 30)
    private(set) var files: [String: String] = [:]

    init(seed: UInt64) throws {
        generator = SeededGenerator(seed: seed)
        site = try TestSite([:])
        for id in ["d1", "d2", "d3"] {
            datasets[id] = Dataset(rows: [("a", "Rij A \(id)", 40), ("b", "Rij B \(id)", 35)])
        }
        chapters["c1"] = Chapter(order: 1, charts: ["d1"], quotes: "d2", image: true)
        chapters["c2"] = Chapter(order: 2, charts: ["d2", "d3"])
        chapters["c3"] = Chapter(order: 3)
        try writeFiles()
    }

    // MARK: Edits

    mutating func randomEdit(from only: [Edit]?) -> Edit {
        (only ?? Edit.allCases).randomElement(using: &generator)!
    }

    private mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &generator)! }

    private mutating func next() -> Int {
        counter += 1
        return counter
    }

    mutating func apply(_ edit: Edit) throws {
        let ids = datasets.keys.sorted(), names = chapters.keys.sorted()
        switch edit {
        case .value:
            let id = pick(ids), row = Int.random(in: 0..<2, using: &generator)
            datasets[id]!.rows[row].value = Int.random(in: 0...60, using: &generator)
        case .label:
            let id = pick(ids), row = Int.random(in: 0..<3, using: &generator)
            // A row's label, or the dataset's title (in its citation files too).
            if row == 2 { datasets[id]!.title = "Titel \(next())" } else { datasets[id]!.rows[row].label = "Rij \(next())" }
        case .paragraph:
            let name = pick(names)
            chapters[name]!.paragraphs.append("Alinea \(next()) met *nadruk*.")
        case .heading:
            chapters[pick(names)]!.heading = "Kop \(next())"
        case .template:
            template += "<!-- edit \(next()) -->"
        case .uiString:
            uiString = "Download de cijfers \(next())"
        case .siteText:
            description = "Een test \(next())."
        case .theme:
            palette = (palette + 1) % Self.palettes.count
        case .datasetAdded:
            let id = "n\(next())"
            datasets[id] = Dataset(rows: [("a", "Nieuw A", 20), ("b", "Nieuw B", 50)])
            chapters[pick(names)]!.charts.append(id)
        case .datasetRemoved:
            guard ids.count > 1 else { return }
            let id = pick(ids)
            datasets[id] = nil
            for name in names {
                chapters[name]!.charts.removeAll { $0 == id }
                if chapters[name]!.quotes == id { chapters[name]!.quotes = nil }
            }
        case .datasetRenamed:
            let id = pick(ids), new = "r\(next())"
            datasets[new] = datasets.removeValue(forKey: id)
            for name in names {
                chapters[name]!.charts = chapters[name]!.charts.map { $0 == id ? new : $0 }
                if chapters[name]!.quotes == id { chapters[name]!.quotes = new }
            }
        case .pageAdded:
            let order = (chapters.values.map(\.order).max() ?? 0) + 1
            chapters["p\(next())"] = Chapter(order: order, charts: [pick(ids)])
        case .pageRemoved:
            guard names.count > 1 else { return }
            chapters[pick(names)] = nil
        case .pageRenamed:
            let name = pick(names)
            chapters["q\(next())"] = chapters.removeValue(forKey: name)
        case .pagesReordered:
            guard names.count > 1 else { return }
            let (a, b) = (pick(names), pick(names))
            (chapters[a]!.order, chapters[b]!.order) = (chapters[b]!.order, chapters[a]!.order)
        case .chartPlaced:
            chapters[pick(names)]!.charts.append(pick(ids))
        case .translationsMarked:
            _ = Translations(content: site.content, templates: site.templates).done([], all: true)
        case .imageReplaced:
            image = (Int.random(in: 10...90, using: &generator), Int.random(in: 10...90, using: &generator))
        }
        try writeFiles()
    }

    // MARK: Files

    static let palettes = [
        ##"["#8B1E3F", "#2E7D32", "#5E2A84"]"##, ##"["#1B3470", "#8B1E3F", "#2E7D32"]"##, ##"["#5E2A84", "#1B3470", "#8B1E3F"]"##,
    ]

    private func render() -> [String: String] {
        var files: [String: String] = [:]
        files["Content/site.yml"] = """
            title: {nl: Testsite, fr: Site de test}
            description: {nl: \(description), fr: Un test.}
            baseURL: https://example.org/
            languages: [nl, fr]
            defaultLanguage: nl
            theme:
              palettes:
                categorical: \(Self.palettes[palette])

            """
        files["Content/nl/index.md"] = TestSite.page("Home", order: 0, "Welkom.")
        files["Content/fr/index.md"] = TestSite.page("Accueil", order: 0, "Bienvenue.")
        files["Content/files/figuur.svg"] =
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(image.width)" height="\#(image.height)"><rect width="5" height="5"/></svg>"#
        for (name, chapter) in chapters {
            for (language, title) in [("nl", "Hoofdstuk"), ("fr", "Chapitre")] {
                var body = "## \(chapter.heading)\n\n" + chapter.paragraphs.joined(separator: "\n\n") + "\n"
                if let quoted = chapter.quotes { body += "\nWaarde: {{\(quoted):a:share}}.\n" }
                for id in chapter.charts { body += "\n```chart \(id)\n```\n" }
                if chapter.image { body += "\n![Figuur](../files/figuur.svg)\n" }
                files["Content/\(language)/\(name).md"] = TestSite.page("\(title) \(name)", order: chapter.order, slug: name, body)
            }
        }
        for (id, dataset) in datasets {
            files["Content/data/\(id).yml"] = """
                kind: bars
                title: {nl: \(dataset.title) \(id), fr: Titre \(id)}
                finding: {nl: Bevinding \(id)., fr: Constat \(id).}
                unit: percent
                series:
                  - key: share
                    nl: Aandeel
                    fr: Part

                """
            files["Content/data/\(id).csv"] =
                "key,nl,fr,share\n" + dataset.rows.map { "\($0.key),\($0.label),\($0.label) fr,\($0.value)\n" }.joined()
        }
        return files
    }

    /// Writes what changed since the last write, removes what the model no longer has; the
    /// starter's template and UI strings get the edits made to them.
    private mutating func writeFiles() throws {
        var new = render()
        let starter = Dictionary(StarterFiles.files(languages: [.nl, .fr]).map { ($0.path, $0.contents) }) { first, _ in first }
        new["Templates/page.mustache"] = (starter["Templates/page.mustache"] ?? "") + template
        new["Content/i18n/nl.yml"] = (starter["Content/i18n/nl.yml"] ?? "").replacingOccurrences(
            of: "chart_download: Download de cijfers (CSV)", with: "chart_download: \(uiString)")
        for (path, text) in new where files[path] != text { try site.write(path, text) }
        for path in files.keys where new[path] == nil { try site.remove(path) }
        files = new
    }

    // MARK: Comparing

    /// The first difference between a build with the cache and a clean one without (nil: none).
    func compare(expecting warning: String? = nil) throws -> String? { try compareResult(expecting: warning).difference }

    /// `expecting`: a warning the cached build alone gives (left out of the comparison).
    func compareResult(forgets: CacheDependency? = nil, expecting warning: String? = nil) throws -> (difference: String?, hits: Int) {
        var cached = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(site.output))
        cached.cacheForgets = forgets
        let withCache = Pipeline(cached).run()
        // Built again at once: nothing changed, so after a build without a diagnostic nothing
        // is built (Cache/UpToDate.swift), and the output below is the first build's.
        let again = Pipeline(cached).run()
        if forgets == nil, withCache.succeeded, withCache.diagnostics.isEmpty, !again.upToDate {
            return ("a build right after one without a diagnostic was made again", withCache.cachedPages.hits)
        }
        let clean = site.root.appendingPathComponent("Clean")
        for leftover in [clean, site.root.appendingPathComponent(".Clean.previous")] where FileManager.default.fileExists(atPath: leftover.path) {
            try FileManager.default.removeItem(at: leftover)
        }
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(clean))
        options.useCache = false
        let without = Pipeline(options).run()
        let messages = (
            withCache.diagnostics.map(\.description).filter { warning == nil || !$0.contains(warning!) }, without.diagnostics.map(\.description)
        )
        guard withCache.succeeded, without.succeeded else {
            return ("a build failed: \(messages.0) / \(messages.1)", withCache.cachedPages.hits)
        }
        if messages.0 != messages.1 { return ("diagnostics differ: \(messages.0) / \(messages.1)", withCache.cachedPages.hits) }
        let a = Self.files(in: site.output), b = Self.files(in: clean)
        if a.keys.sorted() != b.keys.sorted() {
            return ("files differ: \(Set(a.keys).symmetricDifference(b.keys).sorted())", withCache.cachedPages.hits)
        }
        for path in a.keys.sorted() where a[path] != b[path] {
            return ("\(path) differs", withCache.cachedPages.hits)
        }
        return (nil, withCache.cachedPages.hits)
    }

    private static func files(in folder: URL) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for entry in Files.list(folder.path) where entry.kind == .file {
            files[entry.path] = (try? Files.read(folder.path + "/" + entry.path, limit: .published).get()) ?? []
        }
        return files
    }
}
