import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// `rapport new` (issue 16, item 4): a study that builds at once, with no warning.
@Suite struct NewStudyTests {
    static func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("rapport-new-\(UUID().uuidString)")
    }

    @Test func theEmbeddedTemplatesAndStringsAreTheRepositorysOwn() throws {
        var onDisk: [String: String] = [:]
        for folder in ["Templates", "Content/i18n", "Starter/i18n"] {
            let root = TestSite.repository.appendingPathComponent(folder)
            for path in try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() {
                let url = root.appendingPathComponent(path)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                    !url.lastPathComponent.hasPrefix(".")
                else { continue }
                onDisk["\(folder)/\(path)"] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        let embedded = Dictionary(uniqueKeysWithValues: StarterFiles.builtIn.map { ($0.path, $0.contents) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "run `make starter` to copy Templates/ and Content/i18n/ again")
        for (path, text) in onDisk where embedded[path] != text {
            Issue.record("\(path) differs from its embedded copy: run `make starter`")
        }
    }

    @Test func aNewStudyBuildsWithoutAWarning() throws {
        let folder = Self.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        try StarterFiles.write(to: folder, languages: [.nl, .fr])
        let result = Pipeline(
            .init(
                content: folder.appendingPathComponent("Content"), templates: folder.appendingPathComponent("Templates"),
                destination: .folder(folder.appendingPathComponent("Public")))
        ).run()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.succeeded && result.pages[.nl] == 2 && result.pages[.fr] == 2 && result.charts == 2)
        let chapter = try String(contentsOf: folder.appendingPathComponent("Public/fr/resultats/index.html"), encoding: .utf8)
        #expect(chapter.contains("<data value=\"56\">56\u{202F}%</data>"))
        #expect(chapter.contains("Enquête auprès des participants"), "the default source from site.yml")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public/fr/data/example-answers.csv").path))
        // "Cite this chart" starts with a publisher to replace, not with "(s.d.)." (site.yml had no publisher:).
        #expect(chapter.contains("Nom de l’éditeur (s.d.). D’accord avec l’affirmation."))
        // Every hidden file a build leaves beside Public/ is ignored (.Public.values, .Public.lock, .Public.pdf/).
        let ignored = try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored == "Public/\n.Public.*\n")
    }

    @Test func frenchFirstMakesFrenchTheDefault() throws {
        let folder = Self.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case let .success(languages) = StarterFiles.languages("fr, nl") else { Issue.record("fr,nl refused"); return }
        try StarterFiles.write(to: folder, languages: languages)
        let site = try String(contentsOf: folder.appendingPathComponent("Content/site.yml"), encoding: .utf8)
        #expect(site.contains("defaultLanguage: fr\n"))
        let bad = [
            "nl,es":
                "--languages nl,es: Rapport has no UI strings for \"es\" (it ships them for nl, fr, de, en); a study in es needs Content/i18n/es.yml, translated from Content/i18n/nl.yml, and Rapport to know how es writes numbers and dates",
            "nl,nl": "--languages nl,nl: nl is given twice; list each language once",
            "nl,FR": "--languages nl,FR: \"FR\" is not a language code; write codes such as nl, fr, de, en or en-GB, separated by commas",
            "nl,": "--languages nl,: \"\" is not a language code; write codes such as nl, fr, de, en or en-GB, separated by commas",
        ]
        for (text, message) in bad {
            guard case let .failure(problem) = StarterFiles.languages(text) else { Issue.record("\(text) accepted"); continue }
            #expect(problem.message == message)
        }
        for good in ["nl", "de,en", "nl,fr,de,en", "en-GB,fr"] {
            guard case .success = StarterFiles.languages(good) else { Issue.record("\(good) refused"); continue }
        }
    }

    /// `rapport new --languages nl,fr,de` (and any other list): German texts and UI strings, German
    /// numbers, a language switch to both other languages; one language alone builds too.
    @Test(arguments: [["nl", "fr", "de"], ["de"], ["en-GB", "nl"], ["nl", "fr", "de", "en"]])
    func aStudyInAnyLanguagesBuildsWithoutAWarning(_ codes: [String]) throws {
        let folder = Self.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case let .success(languages) = StarterFiles.languages(codes.joined(separator: ",")) else {
            Issue.record("\(codes) refused")
            return
        }
        try StarterFiles.write(to: folder, languages: languages)
        let result = Pipeline(
            .init(
                content: folder.appendingPathComponent("Content"), templates: folder.appendingPathComponent("Templates"),
                destination: .folder(folder.appendingPathComponent("Public")))
        ).run()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.succeeded && result.charts == codes.count)
        for language in languages { #expect(result.pages[language] == 2) }
        if codes.contains("de") {
            let chapter = try String(contentsOf: folder.appendingPathComponent("Public/de/ergebnisse/index.html"), encoding: .utf8)
            #expect(chapter.contains("<data value=\"56\">56\u{A0}%</data>"), "German percent")
            #expect(chapter.contains("<html lang=\"de-BE\">"))
            #expect(chapter.contains("Umfrage unter den Teilnehmenden"))
            for other in languages where other != .de {
                #expect(chapter.contains("hreflang=\"\(other.htmlLang)\""), "switch and alternate to \(other.code)")
            }
            if codes.count > 2 { #expect(chapter.contains("Diese Seite auf Französisch lesen:")) }
            #expect(chapter.contains("Name des Herausgebers (o.\u{A0}J.)."), "a no-break space inside o. J.")
            #expect(chapter.contains(">Zahlen als Tabelle anzeigen<") && chapter.contains(">Zitiervorschlag<"))
        }
        if codes.contains("en-GB") {
            let chapter = try String(contentsOf: folder.appendingPathComponent("Public/en-GB/results/index.html"), encoding: .utf8)
            #expect(chapter.contains("<data value=\"56\">56%</data>") && chapter.contains("<html lang=\"en-GB\">"))
            #expect(chapter.contains("Survey of participants") && chapter.contains("Name of the publisher (n.d.)."))
            let home = try String(contentsOf: folder.appendingPathComponent("Public/en-GB/index.html"), encoding: .utf8)
            #expect(home.contains("results/index.html\">results</a> chapter."))
        }
    }

    @Test func aFolderThatHoldsAnythingIsLeftAlone() throws {
        let folder = Self.temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: BuildFailure.self) { try StarterFiles.write(to: folder, languages: [.nl, .fr]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func theCommandWritesAStudyThatTheCommandBuilds() throws {
        let rapport = CommandLineTests.rapport
        guard FileManager.default.isExecutableFile(atPath: rapport.path) else { Issue.record("build the tool first"); return }
        let parent = Self.temporary()
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        func run(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = rapport
            process.arguments = arguments
            process.currentDirectoryURL = folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (status, out) = try run(["new", "study", "--languages", "nl,fr"], in: parent)
        #expect(status == 0, "\(out)")
        let (buildStatus, buildOut) = try run(["build"], in: parent.appendingPathComponent("study"))
        #expect(buildStatus == 0)
        #expect(buildOut.hasPrefix("built 2 nl + 2 fr pages, 2 charts in ") && !buildOut.contains("warning"), "\(buildOut)")
        let (badStatus, badOut) = try run(["new", "other", "--languages", "nl,es"], in: parent)
        #expect(badStatus == 2 && badOut.contains("Content/i18n/es.yml"), "\(badOut)")
        let (threeStatus, threeOut) = try run(["new", "three", "--languages", "nl,fr,de"], in: parent)
        #expect(threeStatus == 0, "\(threeOut)")
        let (threeBuild, threeBuildOut) = try run(["build"], in: parent.appendingPathComponent("three"))
        #expect(threeBuild == 0 && threeBuildOut.hasPrefix("built 2 nl + 2 fr + 2 de pages, 3 charts in "), "\(threeBuildOut)")
        let (againStatus, againOut) = try run(["new", "study"], in: parent)
        #expect(againStatus == 1 && againOut.contains("already exists and is not empty"), "\(againOut)")
    }
}
