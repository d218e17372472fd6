import Diagnostics
import Foundation
@testable import RapportCore
import Testing

/// Rapport renders swift-mustache's parsed templates itself (CompiledTemplate.swift): every
/// construct must come out exactly as swift-mustache renders it, and what the compiler does
/// not handle must fall back to swift-mustache.
@Suite struct TemplateEngineTests {
    /// Loads `templates` from a temporary folder with the given engine.
    static func load(_ templates: [String: String], engine: TemplateEngine) throws -> TemplateSet {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in templates {
            let url = folder.appendingPathComponent(name + ".mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (set, problems) = TemplateSet.load(from: folder, display: { $0.lastPathComponent }, engine: engine)
        let unexpected = problems.filter { !$0.message.hasPrefix("missing template") }
        #expect(unexpected.isEmpty, "\(unexpected)")
        return set
    }

    static let scope: TemplateScope = {
        let shared = TemplateScope(texts: ["t_label": "Label & <co>", "siteTitle": "Site \"quoted\""])
        let entries = [TemplateScope(texts: ["title": "One", "url": "/1/"]), TemplateScope(texts: ["title": "Two", "url": "/2/"])]
        return TemplateScope([
            "title": .text("A <b> & 'c'"),
            "empty": .text(""),
            "html": .html(RawHTML("<p>raw</p>\n<p>second</p>")),
            "noHTML": .html(RawHTML("")),
            "yes": .flag(true),
            "no": .flag(false),
            "items": .list(entries),
            "none": .list([]),
            "nav": .navigation(NavigationList(entries: entries, current: 1)),
            "previous": .scope(TemplateScope(texts: ["url": "/p/", "title": "Prev"])),
        ], parent: shared)
    }()

    static let cases: [String: String] = [
        "variables": "{{title}}|{{{title}}}|{{&title}}|{{t_label}}|{{siteTitle}}|{{yes}}|{{html}}|{{{html}}}|{{previous.url}}|{{previous.title}}\n",
        "sections": "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}notN{{/no}}{{#empty}}[empty shows:{{.}}]{{/empty}}{{#noHTML}}X{{/noHTML}}{{^noHTML}}no html{{/noHTML}}\n{{#items}}<li>{{title}} {{url}} {{t_label}}</li>\n{{/items}}{{^none}}none{{/none}}{{#none}}never{{/none}}\n",
        "nav": "<ol>\n{{#nav}}\n  <li{{#current}} aria-current=\"page\"{{/current}}>{{title}}</li>\n{{/nav}}\n</ol>\n",
        "scoped": "{{#previous}}{{url}} {{title}} {{siteTitle}} {{.url}}{{/previous}}\n",
        "indented": "<div>\n  {{> partials/lines}}\n    {{> partials/lines}}\n</div>\n",
        "partials/lines": "first {{title}}\nsecond\n{{#items}}\nitem {{title}}\n{{/items}}\n{{{html}}}\n",
        "standalone": "a\n  {{#yes}}\n  inside\n  {{/yes}}\nb\n{{! comment }}\nc {{! inline comment }} d\n",
    ]

    @Test(arguments: ["variables", "sections", "nav", "scoped", "indented", "standalone"])
    func rendersExactlyAsSwiftMustache(_ name: String) throws {
        let ours = try Self.load(Self.cases, engine: .compiled)
        let theirs = try Self.load(Self.cases, engine: .swiftMustache)
        #expect(ours.compiled != nil, "these templates compile")
        #expect(theirs.compiled == nil)
        let (mine, myProblems) = ours.render(name, Self.scope)
        let (reference, referenceProblems) = theirs.render(name, Self.scope)
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        #expect(myProblems.map(\.message) == referenceProblems.map(\.message))
    }

    @Test func missingValuesAreErrorsWithBothRenderers() throws {
        let templates = ["page": "{{#items}}{{title}} {{missingInItem}}{{/items}} {{absent}}\n"]
        for engine in [TemplateEngine.compiled, .swiftMustache] {
            let set = try Self.load(templates, engine: engine)
            let (_, problems) = set.render("page", Self.scope)
            #expect(problems.map(\.message).sorted() == ["template uses \"absent\" but the page has no such value",
                                                         "template uses \"missingInItem\" but the page has no such value"])
        }
    }

    @Test func whatTheCompilerDoesNotKnowFallsBackToSwiftMustache() throws {
        let templates = ["page": "{{uppercased(title)}} {{#items}}{{title}}{{/items}}\n"]
        let set = try Self.load(templates, engine: .compiled)
        #expect(set.compiled == nil)
        let (output, problems) = set.render("page", Self.scope)
        #expect(problems.isEmpty)
        #expect(String(decoding: output, as: UTF8.self) == "A &lt;B&gt; &amp; &#39;C&#39; OneTwo\n")
    }
}
