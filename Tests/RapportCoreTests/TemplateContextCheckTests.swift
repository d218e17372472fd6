import Diagnostics
import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// Issue 21, item 1: every template of `Templates/` is checked when the templates load
/// against the context it is rendered with (ContextDeclarations.swift), rendered or not.
@Suite struct TemplateContextCheckTests {
    /// The diagnostics of checking `templates` (inline, by name) with UI strings `uiStrings`.
    static func check(_ templates: [String: String], uiStrings: Set<String> = ["skip_link", "search"]) throws -> [Diagnostic] {
        var (set, problems) = try TemplateTests.load(templates)
        #expect(problems.isEmpty, "\(problems)")
        return set.checkContexts(uiStrings: uiStrings)
    }

    /// Each diagnostic as `file:line:column: message | fix`.
    static func lines(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location): \($0.message) | \($0.fix ?? "")" }
    }

    @Test func aMisspeltVariable() throws {
        let found = try Self.check(["page": "<article>\n  <h1>{{titel}}</h1>{{{content}}}\n</article>\n"])
        #expect(
            Self.lines(found) == [
                "page.mustache:2:7: template \"page\" uses \"titel\", which the context of a chapter page does not have | did you mean \"title\"?"
            ])
    }

    @Test func aMisspeltSection() throws {
        let found = try Self.check(["home": "<ul>\n{{#chapterz}}\n<li>{{title}}</li>\n{{/chapterz}}\n</ul>\n"])
        #expect(
            Self.lines(found) == [
                "home.mustache:2:1: template \"home\" uses \"chapterz\", which the context of the home page does not have | did you mean \"chapters\"?"
            ])
    }

    /// `{{url}}` of each chapter, written after the list has ended.
    @Test func aNameOfASectionUsedOutsideIt() throws {
        let found = try Self.check(["home": "{{#chapters}}<a href=\"{{url}}\">{{title}}</a>{{/chapters}}\n<p>{{url}}</p>\n"])
        #expect(
            Self.lines(found) == [
                "home.mustache:2:4: template \"home\" uses \"url\", which the context of the home page does not have | \"url\" is set only inside {{#chapters}}…{{/chapters}}"
            ])
    }

    /// A partial of the layout: checked in the context of every page laid out, reported once.
    @Test func aMisspeltNameInAPartial() throws {
        let found = try Self.check([
            "base": "<html>\n{{> partials/head}}\n<body>{{{body}}}</body>\n", "partials/head": "<head>\n<title>{{pageTitel}}</title>\n",
        ])
        #expect(found.count == 1)
        #expect(found.first.map { "\($0.location)" } == "head.mustache:2:8")
        guard case let .template(.unknownName(template, name, contexts, hint))? = found.first?.problem else {
            Issue.record("not an unknown name: \(found)")
            return
        }
        #expect(template == "partials/head" && name == "pageTitel")
        #expect(Array(contexts.prefix(3)) == ["the home page (layout)", "a chapter page (layout)", "a chart page (layout)"])
        if case let .closest(name, names, nil)? = hint { #expect(name == "pageTitel" && names.contains("pageTitle")) } else { Issue.record("\(String(describing: hint))") }
        #expect(found.first?.fix == "did you mean \"pageTitle\"?")
    }

    /// No page names `extra` as its template, nothing includes `partials/unused`: both checked
    /// all the same, as a chapter page's template (what the front matter's `template:` renders).
    @Test func aTemplateThisBuildDoesNotRender() throws {
        let found = try Self.check([
            "extra": "<main>\n{{{contnet}}}\n{{> partials/unused}}\n</main>\n", "partials/unused": "<p>{{t_serach}}</p>\n",
            "partials/alone": "{{#toc}}{{#entries}}{{ide}}{{/entries}}{{/toc}}",
        ])
        #expect(
            Self.lines(found) == [
                "alone.mustache:1:21: template \"partials/alone\" uses \"ide\", which the context of a chapter page does not have | did you mean \"id\"?",
                "extra.mustache:2:1: template \"extra\" uses \"contnet\", which the context of a chapter page does not have | did you mean \"content\"?",
                "unused.mustache:1:4: template \"partials/unused\" uses \"t_serach\", which the context of a chapter page does not have | did you mean \"t_search\"?",
            ])
    }

    /// Dotted names, `.`, names of the enclosing contexts inside a section, UI strings, a
    /// flag that is never true here (`isReport` outside the whole report: its partial's names
    /// are the report's).
    @Test func whatMustacheFindsIsNotAnError() throws {
        let found = try Self.check([
            "page":
                "{{updated.iso}} {{#updated}}{{iso}}{{/updated}} {{#chapters}}{{siteTitle}} {{title}}{{/chapters}}\n{{#description}}{{.}}{{/description}} {{t_skip_link}} {{#isReport}}{{> partials/report}}{{/isReport}}\n{{updated.isoo}} {{title.x}}\n",
            "partials/report": "{{runningTitle}}",
        ])
        #expect(
            Self.lines(found) == [
                "page.mustache:3:1: template \"page\" uses \"updated.isoo\", which the context of a chapter page does not have | did you mean \"updated.iso\"?",
                "page.mustache:3:18: template \"page\" uses \"title.x\", which the context of a chapter page does not have | \"title\" has no names of its own: write {{title}}",
            ])
    }

    /// Rapport's own templates, in the study and in what `rapport new` writes, pass (with the
    /// UI strings and site.yml each loads).
    @Test func theStudysAndTheStartersTemplatesPass() throws {
        let study = Self.contextProblems(content: TestSite.repository.appendingPathComponent("Content"), TestSite.repository)
        #expect(study == [])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-ctx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try StarterFiles.write(to: folder, languages: [.nl, .fr])
        #expect(Self.contextProblems(content: folder.appendingPathComponent("Content"), folder) == [])
    }

    /// What loading the study in `folder` finds wrong with its templates' names.
    static func contextProblems(content: URL, _ folder: URL) -> [String] {
        var clock = StageClock()
        let loaded = LoadStage(
            content: content, templates: folder.appendingPathComponent("Templates"), baseURL: nil, display: { $0.path }
        ).run(&clock)
        #expect(loaded.templates.has("base") && loaded.strings.count == 2)
        return loaded.diagnostics.filter { if case .template(.unknownName) = $0.problem { true } else { false } }.map(\.description)
    }

    /// In a build: the error once, when the templates load, not again when the page renders.
    @Test func aBuildReportsItOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-ctx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try StarterFiles.write(to: folder, languages: [.nl, .fr])
        let page = folder.appendingPathComponent("Templates/page.mustache")
        let text = try String(contentsOf: page, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{title}}", with: "{{titel}}").utf8).write(to: page)
        let result = Pipeline(
            .init(
                content: folder.appendingPathComponent("Content"), templates: folder.appendingPathComponent("Templates"),
                destination: .memory)
        ).run()
        let titel = result.diagnostics.filter {
            if case .template(.unknownName(_, "titel", _, _)) = $0.problem { true } else if case .template(.noSuchValue("titel", _)) = $0.problem { true } else { false }
        }
        #expect(titel.count == 1, "\(titel)")
        #expect(titel.first?.fix == "did you mean \"title\"?")
        guard case let .template(.unknownName(_, _, contexts, _))? = titel.first?.problem else {
            Issue.record("reported when the templates load, not when the page renders: \(titel)")
            return
        }
        #expect(contexts == ["a chapter page"])
    }
}
