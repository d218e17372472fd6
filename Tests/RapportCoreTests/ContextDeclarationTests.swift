import Foundation
import MustacheEngine
import RapportTestSupport
import Testing

@testable import RapportCore

/// The declarations of ContextDeclarations.swift against the builders (Render/…), on every scope
/// the study and the starter render.
///
/// The compiler already rules out most drift: a builder sets a name only through a case of its
/// scope's key enums, those same enums are the declarations, and a template rendered by name
/// takes only a scope of its own context (`ContextTemplate`). What it cannot see, and what this
/// test checks, is what is *not* done or done with the wrong value:
/// - a declared name that no render sets (a case nobody assigns, or a part nobody fills);
/// - a value of another kind than its name's (text for a flag, a list for an object);
/// - a list's items or an object that are scopes of another key enum than declared (their
///   names, set but not declared there, or declared but never set).
@Suite struct ContextDeclarationTests {
    /// What the renders of a build set, checked as they happen (the scopes change afterwards).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        /// `context: path.name — what is wrong`, each once.
        private(set) var problems: Set<String> = []
        /// The declared names set at least once, as `context: path.name`.
        private(set) var set: Set<String> = []
        /// The body template last rendered with a scope: `base` is then rendered with it.
        private var bodies: [ObjectIdentifier: String] = [:]

        func observe(_ template: String, _ scope: AnyTemplateScope) {
            lock.lock()
            defer { lock.unlock() }
            let page = TemplateContexts.pages.first { $0.template == template } ?? TemplateContexts.other(template)
            var context = (name: page.name, shape: page.shape)
            if template == "base" {
                let body = bodies[ObjectIdentifier(scope)] ?? "?"
                context = TemplateContexts.layout(of: TemplateContexts.pages.first { $0.template == body } ?? TemplateContexts.other(body))
            }
            self.context = context.name
            var values = names(of: scope)
            if template != "base" {
                // Rendered again with the same scope (the whole report, once more with its PDF
                // link): `body` is still the layout's of the first time.
                if bodies.updateValue(template, forKey: ObjectIdentifier(scope)) != nil { values["body"] = nil }
            }
            check(values, in: context.shape, at: "")
        }

        /// Every name an object declares (a scope's, its parents', a navigation entry's).
        func names(of object: any MustacheObject) -> [String: MustacheValue] {
            var keys: Set<String> = []
            if let scope = object as? AnyTemplateScope { keys = scope.allKeys }
            if let entry = object as? NavigationList.Entry { keys = entry.scope.allKeys.union(["current"]) }
            var values: [String: MustacheValue] = [:]
            for key in keys { values[key] = object.value(named: key) }
            return values
        }

        /// The context being checked (for the problems).
        private var context = ""

        func check(_ values: [String: MustacheValue], in shape: ContextShape, at path: String) {
            for (name, value) in values {
                guard let entry = shape.names[name] else {
                    if !(shape.uiStrings && name.hasPrefix("t_")) { problems.insert("\(path)\(name) is set but not declared (\(context))") }
                    continue
                }
                set.insert(path + name)
                check(value, as: entry, at: path + name)
            }
        }

        func check(_ value: MustacheValue, as entry: ContextEntry, at path: String) {
            switch (entry, value) {
            case (.text, .text), (.text, .absent), (.markup, .markup), (.flag, .bool), (.alwaysFalse, .bool(false)),
                (.object, .absent):
                break
            case let (.object(shape), .object(object)):
                check(names(of: object), in: shape, at: path + ".")
            case let (.list(shape), .list(list)):
                for index in 0..<list.count {
                    guard case let .object(item) = list.item(index) else {
                        problems.insert("\(path): an item is not an object")
                        continue
                    }
                    check(names(of: item), in: shape, at: path + ".")
                }
            default:
                problems.insert("\(path) is declared \(entry) but set as \(value) (\(context))")
            }
        }

        /// Each declared name (`toc.entries.id`) that no render of any context set.
        func neverSet(contexts: [ContextShape]) -> [String] {
            var missing: Set<String> = []
            func walk(_ shape: ContextShape, _ path: String) {
                for (name, entry) in shape.names {
                    if !set.contains(path + name) { missing.insert(path + name) }
                    if case let .list(inner) = entry { walk(inner, path + name + ".") }
                    if case let .object(inner) = entry { walk(inner, path + name + ".") }
                }
            }
            for shape in contexts { walk(shape, "") }
            return missing.sorted()
        }
    }

    /// Builds the study in `folder` in memory with `recorder` told of every render.
    /// `pictures`: with the charts' PNGs (slow: only for the small starter).
    static func build(_ folder: URL, content: URL, recorder: Recorder, pictures: Bool) {
        var clock = StageClock()
        var loaded = LoadStage(
            content: content, templates: folder.appendingPathComponent("Templates"), baseURL: nil, display: { $0.path }
        ).run(&clock)
        loaded.templates.renderObserver = { recorder.observe($0, $1) }
        guard let render = RenderStage(loaded, content: content, printedReports: nil, pngStore: pictures ? PNGStore.inMemory() : nil) else {
            Issue.record("nothing to render in \(folder.path)")
            return
        }
        let output = SiteOutput(.memory)
        let pages = render.renderPages(into: output)
        _ = render.renderSiteFiles(pages, into: output)
    }

    @Test func theBuildersSetWhatTheDeclarationsSay() throws {
        let recorder = Recorder()
        Self.build(TestSite.repository, content: TestSite.repository.appendingPathComponent("Content"), recorder: recorder, pictures: false)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-ctx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try StarterFiles.write(to: folder, languages: [.nl, .fr])
        // What neither study has: a DOI and the theme's logo.
        let siteYML = folder.appendingPathComponent("Content/site.yml")
        let site = try String(contentsOf: siteYML, encoding: .utf8)
        try Data((site + "\ndoi: https://doi.org/10.5281/zenodo.123456\ntheme:\n  logo: files/logo.svg\n").utf8).write(to: siteYML)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content/files"), withIntermediateDirectories: true)
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\"/>".utf8).write(
            to: folder.appendingPathComponent("Content/files/logo.svg"))
        Self.build(folder, content: folder.appendingPathComponent("Content"), recorder: recorder, pictures: true)
        #expect(recorder.set.count > 150, "\(recorder.set.count) names set")
        #expect(recorder.problems.sorted() == [])
        let contexts =
            TemplateContexts.pages.map(\.shape) + TemplateContexts.pages.filter(\.inLayout).map { TemplateContexts.layout(of: $0).shape }
        #expect(recorder.neverSet(contexts: contexts) == [])
    }
}
