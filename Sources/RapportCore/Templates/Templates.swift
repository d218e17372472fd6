import Diagnostics
import Foundation
import MustacheEngine
import RapportBase
import SurveyData

/// The Mustache templates of `Templates/`, compiled once by MustacheEngine and made strict: a
/// syntax error, an unknown partial, an unknown template and a variable the context lacks are
/// all diagnostics with the template's file, line and column (plain Mustache renders the last
/// two as nothing).
struct TemplateSet {
    /// Templates every site needs.
    static let required = ["base", "home", "page", "figure", "root", "404", "data"]

    private(set) var library = MustacheLibrary()
    /// Template name (`page`, `partials/header`) → its source text and displayed path.
    private(set) var sources: [String: (text: String, file: String)] = [:]
    /// The templates that compiled, by name.
    private(set) var compiled: [String: MustacheTemplate] = [:]

    /// Loads every `*.mustache` file under `directory`, reporting syntax errors and unknown partials.
    static func load(from directory: URL, display: (URL) -> String) -> (TemplateSet, [Diagnostic]) {
        var set = TemplateSet()
        var diagnostics: [Diagnostic] = []
        let directory = directory.resolvingSymlinksInPath()
        var files: [URL] = []
        for entry in Files.listFollowingInside(directory.path) {
            let file = display(directory.appendingPathComponent(entry.path))
            switch entry.kind {
            case .refusedLink:
                diagnostics.append(Files.refusedLink(file, root: display(directory) + "/"))
            case .file where entry.path.hasPrefix("assets/"), .other where entry.path.hasPrefix("assets/"):
                // Checked now (copied into the site when it is written): a FIFO, a device or a
                // file too large to publish is one error before anything is written.
                let source = directory.path + "/" + entry.path
                if let refusal = Files.refusal(source, limit: .published) {
                    diagnostics.append(Files.diagnostic(refusal, file: file))
                } else {
                    set.assets.append(Asset(path: entry.path, source: source))
                }
            case .file where entry.path.hasSuffix(".mustache"), .other where entry.path.hasSuffix(".mustache"):
                files.append(directory.appendingPathComponent(entry.path))
            default:
                break
            }
        }
        var unreadable: Set<String> = []
        for url in files {
            let relative = url.path.dropFirst(directory.path.count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let name = String(relative.dropLast(".mustache".count))
            let file = display(url)
            let text: String
            switch Files.readText(url.path, display: file) {
            case let .success(value): text = value
            case let .failure(diagnostic):
                diagnostics.append(diagnostic)
                unreadable.insert(name)
                continue
            }
            set.sources[name] = (text, file)
            do {
                set.compiled[name] = try MustacheTemplate(text)
            } catch {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                diagnostics.append(
                    Diagnostic(
                        .error, SourceLocation(file: file, line: error.line, column: error.column),
                        .template(.syntax(message: error.message, fix: error.fix)),
                        sourceLine: error.line <= lines.count ? String(lines[error.line - 1]) : nil))
            }
        }
        for name in required where set.sources[name] == nil && !unreadable.contains(name) {
            diagnostics.append(
                .error(SourceLocation(file: display(directory.appendingPathComponent("\(name).mustache"))), .template(.missing(name))))
        }
        // A template that includes itself, directly or through others, would never finish:
        // each cycle is one error, and its templates render as nothing.
        let partials = set.partials()
        for cycle in partialCycles(partials, files: set.sources.mapValues(\.file)) {
            diagnostics.append(
                .error(cycle.location, .template(.includeCycle(cycle.names))))
        }
        for name in selfIncluding(partials) { set.compiled[name] = try? MustacheTemplate("") }
        // Partials: `{{> name}}` must name a template that exists.
        for (name, includes) in partials.sorted(by: { $0.key < $1.key }) {
            for (partial, location) in includes where set.sources[partial] == nil && !unreadable.contains(partial) {
                diagnostics.append(
                    .error(
                        location, .template(.unknownPartial(partial, template: name, suggestion: closestMatch(to: partial, in: set.sources.keys)))))
            }
        }
        set.reservedIds = ids(in: set.sources)
        set.library = MustacheLibrary(set.compiled)
        return (set, diagnostics)
    }

    /// Where a tag of template `name` stands, as a diagnostic location.
    func location(_ name: String, line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: sources[name]?.file ?? name, line: line, column: column)
    }

    /// Each template's `{{> partial}}` includes, in order, with where they stand.
    func partials() -> [String: [(name: String, location: SourceLocation)]] {
        var result: [String: [(name: String, location: SourceLocation)]] = [:]
        for (name, template) in compiled {
            result[name] = template.tags.filter { $0.kind == .partial }.map { tag in
                let (line, column) = template.location(of: tag.offset)
                return (tag.name, location(name, line: line, column: column))
            }
        }
        return result
    }

    /// A file of `Templates/assets/`, copied into the site as it is.
    struct Asset: Sendable {
        /// In the site (`assets/style.css`).
        var path: String
        /// On disk.
        var source: String
    }

    /// The files of `Templates/assets/` (symbolic links inside `Templates/` followed).
    private(set) var assets: [Asset] = []

    /// Every cycle of templates including each other (`{{> partial}}`), each once, as the
    /// names around it (first name repeated at the end) and where it starts.
    static func partialCycles(
        _ partials: [String: [(name: String, location: SourceLocation)]], files: [String: String]
    ) -> [(names: [String], location: SourceLocation)] {
        let edges = partials.mapValues { $0.filter { partials[$0.name] != nil } }
        var cycles: [(names: [String], location: SourceLocation)] = []
        var seen: Set<[String]> = []
        var done: Set<String> = []
        var path: [(name: String, location: SourceLocation)] = []
        func visit(_ name: String) {
            for edge in edges[name] ?? [] {
                if let start = path.firstIndex(where: { $0.name == edge.name }) {
                    var names = path[start...].map(\.name)
                    // The same cycle found from another member: one report, from its smallest name.
                    let smallest = names.indices.min { names[$0] < names[$1] } ?? 0
                    names = Array(names[smallest...] + names[..<smallest])
                    if seen.insert(names).inserted {
                        let from = smallest + start + 1 < path.count ? path[smallest + start + 1].location : edge.location
                        cycles.append((names + [names[0]], from))
                    }
                } else if !done.contains(edge.name) {
                    path.append(edge)
                    visit(edge.name)
                    path.removeLast()
                }
            }
            done.insert(name)
        }
        for name in partials.keys.sorted() where !done.contains(name) {
            path = [(name, SourceLocation(file: files[name] ?? name))]
            visit(name)
        }
        return cycles.sorted { $0.location < $1.location }
    }

    /// Every template that includes itself, directly or through others (whatever cycles
    /// `partialCycles` reported, none of these may be rendered).
    static func selfIncluding(_ partials: [String: [(name: String, location: SourceLocation)]]) -> Set<String> {
        return Set(
            partials.keys.filter { start in
                var stack = (partials[start] ?? []).map(\.name), reached: Set<String> = []
                while let name = stack.popLast() {
                    if name == start { return true }
                    if reached.insert(name).inserted { stack += (partials[name] ?? []).map(\.name) }
                }
                return false
            })
    }

    /// The `id="…"` values the templates write: literal ones, and the literal start of those
    /// that continue with a variable (`id="toc-{{id}}"` → `toc-`). Headings never take them.
    private(set) var reservedIds: (exact: Set<String>, prefixes: [String]) = ([], [])

    static func ids(in sources: [String: (text: String, file: String)]) -> (exact: Set<String>, prefixes: [String]) {
        var exact: Set<String> = [], prefixes: Set<String> = []
        for source in sources.values {
            var rest = source.text[...]
            while let found = rest.range(of: " id=\"") {
                rest = rest[found.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = rest[..<end]
                if let variable = value.range(of: "{{") {
                    if variable.lowerBound > value.startIndex { prefixes.insert(String(value[..<variable.lowerBound])) }
                } else if !value.isEmpty {
                    exact.insert(String(value))
                }
                rest = rest[end...]
            }
        }
        return (exact, prefixes.sorted())
    }

    /// The tags `checkContexts` reported (`template:line:column`): not reported again when rendered.
    var checkedAtLoad: Set<String> = []

    /// Tests only (ContextDeclarationTests): told of every template rendered, with its context
    /// as it is rendered. nil in a build: rendering does no more than render.
    var renderObserver: (@Sendable (String, AnyTemplateScope) -> Void)?

    func has(_ name: String) -> Bool { sources[name] != nil }

    var names: [String] { sources.keys.sorted() }

    /// Renders `template` with `scope`, a scope of its context (ContextDeclarations.swift).
    func render<Context>(_ template: ContextTemplate<Context>, _ scope: TemplateScope<Context>) -> ([UInt8], [Diagnostic]) {
        render(template.template, scope.scope)
    }

    /// Renders the layout, `base`, with the context of the page it lays out (its `body` set).
    func renderLayout<Context: InLayout>(_ scope: TemplateScope<Context>) -> ([UInt8], [Diagnostic]) { render("base", scope.scope) }

    /// Renders template `name` with `scope`. Every variable or section the templates ask for
    /// and no scope has becomes an error at its first use in the template files, one per name.
    private func render(_ name: String, _ scope: AnyTemplateScope) -> ([UInt8], [Diagnostic]) {
        renderObserver?(name, scope)
        var output: [UInt8] = []
        let misses = library.render(name, context: .object(scope), escaper: HTMLMarkupEscaper(), into: &output)
        guard !misses.isEmpty else { return (output, []) }
        let keys = scope.allKeys
        var reported: Set<String> = []
        let unchecked = misses.filter { !checkedAtLoad.contains("\($0.template):\($0.line):\($0.column)") }
        let diagnostics = unchecked.filter { reported.insert($0.name).inserted }.sorted { $0.name < $1.name }.map { miss in
            Diagnostic.error(
                location(miss.template, line: miss.line, column: miss.column),
                .template(.noSuchValue(miss.name, suggestion: closestMatch(to: miss.name, in: keys))))
        }
        return (output, diagnostics)
    }
}
