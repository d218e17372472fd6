import Diagnostics
import Foundation
import Testing

@testable import RapportCore

/// The templates through MustacheEngine: strict about names, escaping on bytes, partials and
/// declared-but-absent values. Every template here is inline, so editing Templates/ breaks none.
@Suite struct TemplateTests {
    /// Loads `templates` from a temporary folder; the diagnostics of loading them.
    static func load(_ templates: [String: String]) throws -> (TemplateSet, [Diagnostic]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in templates {
            let url = folder.appendingPathComponent(name + ".mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let (set, problems) = TemplateSet.load(from: folder, display: { $0.lastPathComponent })
        return (set, problems.filter { if case .template(.missing) = $0.problem { false } else { true } })
    }

    static func render(_ templates: [String: String], _ name: String, _ scope: TemplateScope<TestContext>) throws -> (String, [String]) {
        let (set, problems) = try load(templates)
        #expect(problems.isEmpty, "\(problems)")
        let (output, diagnostics) = set.render(ContextTemplate<TestContext>(name, name: "a test page"), scope)
        return (String(decoding: output, as: UTF8.self), diagnostics.map(\.description))
    }

    /// The names of the inline templates' context, with a language's (`siteTitle`, `t_label`) around.
    enum TestKey: String, ContextKey {
        case title, html, yes, no, items, none, nav, previous, next, updated

        var entry: ContextEntry {
            switch self {
            case .title, .updated: .text
            case .html: .markup
            case .yes, .no: .flag
            case .items, .none, .nav: .list(of: NavKey.self)
            case .previous, .next: .object(of: LinkKey.self)
            }
        }
    }

    enum TestContext: InLanguage { typealias Key = TestKey }

    static let scope: TemplateScope<TestContext> = {
        let shared = TemplateScope<LanguageKey>([.siteTitle: .text("Site \"quoted\"")])
        shared.setUIStrings(["label": "Label & <co>"])
        let entries = [TemplateScope<NavKey>(texts: [.title: "One", .url: "/1/"]), TemplateScope(texts: [.title: "Two", .url: "/2/"])]
        return TemplateScope(
            [
                .title: .text("A <b> & 'c'"),
                .html: .markup(Array("<p>raw</p>\n<p>second</p>".utf8)),
                .yes: .bool(true),
                .no: .bool(false),
                .items: .list(entries),
                .none: .list([TemplateScope<NavKey>]()),
                .nav: .list(NavigationList(entries: entries, current: 1)),
                .previous: .maybe(TemplateScope<LinkKey>(texts: [.url: "/p/", .title: "Prev"])),
                .next: .maybe(nil as TemplateScope<LinkKey>?),
                .updated: .maybe(nil as String?),
            ], language: shared)
    }()

    @Test func valuesAreEscapedAndMarkupIsNot() throws {
        let (output, problems) = try Self.render(
            ["page": "{{title}}|{{{title}}}|{{&title}}|{{t_label}}|{{siteTitle}}|{{{html}}}|{{html}}\n"], "page", Self.scope)
        #expect(problems == [])
        #expect(
            output
                == "A &lt;b&gt; &amp; &#39;c&#39;|A <b> & 'c'|A <b> & 'c'|Label &amp; &lt;co&gt;|Site &quot;quoted&quot;|<p>raw</p>\n<p>second</p>|&lt;p&gt;raw&lt;/p&gt; &lt;p&gt;second&lt;/p&gt;\n"
        )
    }

    @Test func sectionsListsAndTheCurrentChapter() throws {
        let templates = [
            "page":
                "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}notN{{/no}}\n{{#items}}<li>{{title}} {{url}} {{t_label}}</li>\n{{/items}}{{^none}}none{{/none}}\n<ol>\n{{#nav}}\n  <li{{#current}} aria-current=\"page\"{{/current}}>{{title}}</li>\n{{/nav}}\n</ol>\n"
        ]
        let (output, problems) = try Self.render(templates, "page", Self.scope)
        #expect(problems == [])
        #expect(
            output
                == "YnotN\n<li>One /1/ Label &amp; &lt;co&gt;</li>\n<li>Two /2/ Label &amp; &lt;co&gt;</li>\nnone\n<ol>\n  <li>One</li>\n  <li aria-current=\"page\">Two</li>\n</ol>\n"
        )
    }

    /// A declared value without one hides its section, shows its inverted section and writes
    /// nothing, without an error; inside a present one, its own names come first.
    @Test func absentValuesAreNotErrors() throws {
        let templates = [
            "page":
                "{{#previous}}<a href=\"{{url}}\">{{title}}</a>{{/previous}}|{{#next}}<a href=\"{{url}}\">{{title}}</a>{{/next}}|{{^next}}last{{/next}}|{{next.url}}|{{updated}}\n"
        ]
        let (output, problems) = try Self.render(templates, "page", Self.scope)
        #expect(problems == [])
        #expect(output == "<a href=\"/p/\">Prev</a>||last||\n")
    }

    /// A name no scope declares is an error at its first use, in the template or its partials,
    /// with the closest declared name; inside a section as at the top.
    @Test func undeclaredNamesAreErrorsWhereTheyAreUsed() throws {
        let templates = [
            "page": "<h1>{{title}}</h1>\n{{#items}}{{title}} {{missingInItem}}{{/items}}\n{{> partials/more}}\n",
            "partials/more": "<p>{{titel}}</p>\n  {{#nxet}}x{{/nxet}}\n",
        ]
        let (_, problems) = try Self.render(templates, "page", Self.scope)
        // One diagnostic per name, in the order of the names.
        #expect(
            problems == [
                #"page.mustache:2:21: error: template uses "missingInItem" but the page has no such value"#,
                #"more.mustache:2:3: error: template uses "nxet" but the page has no such value (did you mean "next"?)"#,
                #"more.mustache:1:4: error: template uses "titel" but the page has no such value (did you mean "title"?)"#,
            ])
    }

    /// A partial on a line of its own gets the indentation of its tag before each of its lines,
    /// also the lines a section repeats (the specification's rule; swift-mustache indented only
    /// the first item of a list).
    @Test func partialsAreIndented() throws {
        let templates = [
            "page": "<div>\n  {{> partials/lines}}\n</div>\n",
            "partials/lines": "first {{title}}\nsecond\n{{#items}}\nitem {{title}}\n{{/items}}\n",
        ]
        let (output, problems) = try Self.render(templates, "page", Self.scope)
        #expect(problems == [])
        #expect(output == "<div>\n  first A &lt;b&gt; &amp; &#39;c&#39;\n  second\n  item One\n  item Two\n</div>\n")
    }

    /// A partial that does not exist is found in the text, with its place and the closest name.
    @Test func unknownPartialsAreErrors() throws {
        let (_, problems) = try Self.load(["page": "<h1>{{title}}</h1>\n  {{> partials/lnies}}\n", "partials/lines": "x\n"])
        #expect(
            problems.map(\.description) == [
                #"page.mustache:2:3: error: unknown partial "partials/lnies" in template "page" (did you mean "partials/lines"?)"#
            ])
    }
}
