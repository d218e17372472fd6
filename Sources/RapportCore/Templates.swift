import Diagnostics
import Foundation
import Mustache
import RapportBase
import SurveyData

/// The Mustache templates of `Templates/` (swift-mustache), made strict: a syntax error, an
/// unknown partial, an unknown template and a variable the context lacks are all diagnostics
/// with the template's file, line and column (plain Mustache renders the last two as nothing).
struct TemplateSet {
    /// Templates every site needs.
    static let required = ["base", "home", "page", "figure", "root", "404", "data"]

    private(set) var library = MustacheLibrary()
    /// Template name (`page`, `partials/header`) → its source text and displayed path.
    private(set) var sources: [String: (text: String, file: String)] = [:]

    /// swift-mustache escapes `{{…}}` values one Character at a time through a dictionary, which
    /// costs more than everything else on a page. Every template is read with this pragma (put
    /// in front of its text, on its first line, so no line number moves), which selects, through
    /// swift-mustache's public content types, the same HTML escaping done on UTF-8 bytes (`escapeHTML`).
    static let contentTypePragma: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: "RAPPORT_HTML")
        return "{{% CONTENT_TYPE: RAPPORT_HTML}}"
    }()

    /// Loads every `*.mustache` file under `directory`, reporting syntax errors and unknown partials.
    static func load(from directory: URL, display: (URL) -> String) -> (TemplateSet, [Diagnostic]) {
        var set = TemplateSet()
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        let directory = directory.resolvingSymlinksInPath()
        var files: [URL] = []
        for entry in Files.listFollowingInside(directory.path) {
            let file = display(directory.appendingPathComponent(entry.path))
            switch entry.kind {
            case .refusedLink:
                diagnostics.append(Files.refusedLink(file, root: display(directory) + "/"))
            case .file where entry.path.hasPrefix("assets/"):
                set.assets.append(Asset(path: entry.path, source: directory.path + "/" + entry.path))
            case .file where entry.path.hasSuffix(".mustache"):
                files.append(directory.appendingPathComponent(entry.path))
            default:
                break
            }
        }
        for url in files {
            let relative = url.path.dropFirst(directory.path.count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            let name = String(relative.dropLast(".mustache".count))
            let file = display(url)
            let text: String
            switch DatasetLoader.readText(url, display: file) {
            case let .success(value): text = value
            case let .failure(diagnostic): diagnostics.append(diagnostic); continue
            }
            set.sources[name] = (text, file)
            do {
                templates[name] = try MustacheTemplate(string: Self.contentTypePragma + text)
            } catch let error as MustacheTemplate.ParserError {
                if let (section, location) = unclosedSection(in: text, file: file) {
                    diagnostics.append(
                        .error(
                            location, "template syntax error: section \"\(section)\" is never closed",
                            fix: "add {{/\(section)}}"))
                } else {
                    let column = error.context.columnNumber - (error.context.lineNumber == 1 ? Self.contentTypePragma.count : 0)
                    diagnostics.append(
                        Diagnostic(
                            .error, SourceLocation(file: file, line: error.context.lineNumber, column: column),
                            "template syntax error: \(describe(error.error))", sourceLine: error.context.line))
                }
            } catch {
                diagnostics.append(.error(SourceLocation(file: file), "template syntax error: \(error)"))
            }
        }
        for name in required where set.sources[name] == nil {
            diagnostics.append(
                .error(
                    SourceLocation(file: display(directory.appendingPathComponent("\(name).mustache"))),
                    "missing template \"\(name)\""))
        }
        // A template that includes itself, directly or through others, would never finish:
        // each cycle is one error, and its templates render as nothing.
        for cycle in partialCycles(set.sources) {
            diagnostics.append(
                .error(
                    cycle.location, "templates include each other in a cycle: \(cycle.names.joined(separator: " → "))",
                    fix: "remove one of these {{> …}} includes"))
        }
        for name in selfIncluding(set.sources) { templates[name] = try? MustacheTemplate(string: Self.contentTypePragma) }
        // Partials: `{{> name}}` must name a template that exists.
        for (name, source) in set.sources.sorted(by: { $0.key < $1.key }) {
            for (partial, location) in tags(in: source.text, file: source.file, sigil: ">") where set.sources[partial] == nil {
                let suggestion = closestMatch(to: partial, in: set.sources.keys)
                diagnostics.append(
                    .error(
                        location, "unknown partial \"\(partial)\" in template \"\(name)\"",
                        fix: suggestion.map { "did you mean \"\($0)\"?" }))
            }
        }
        set.reservedIds = ids(in: set.sources)
        set.library = MustacheLibrary(templates: templates)
        return (set, diagnostics)
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

    /// Every cycle of templates including each other (`{{> partial}}` or `{{< parent}}`), each
    /// once, as the names around it (first name repeated at the end) and where it starts.
    static func partialCycles(_ sources: [String: (text: String, file: String)]) -> [(names: [String], location: SourceLocation)] {
        var edges: [String: [(name: String, location: SourceLocation)]] = [:]
        for (name, source) in sources {
            edges[name] = (tags(in: source.text, file: source.file, sigil: ">") + tags(in: source.text, file: source.file, sigil: "<"))
                .filter { sources[$0.name] != nil }.sorted { $0.location < $1.location }
        }
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
        for name in sources.keys.sorted() where !done.contains(name) {
            path = [(name, SourceLocation(file: sources[name]?.file ?? name))]
            visit(name)
        }
        return cycles.sorted { $0.location < $1.location }
    }

    /// Every template that includes itself, directly or through others (whatever cycles
    /// `partialCycles` reported, none of these may be rendered).
    static func selfIncluding(_ sources: [String: (text: String, file: String)]) -> Set<String> {
        var edges: [String: Set<String>] = [:]
        for (name, source) in sources {
            edges[name] = Set(
                (tags(in: source.text, file: source.file, sigil: ">") + tags(in: source.text, file: source.file, sigil: "<")).map(\.name))
        }
        return Set(
            sources.keys.filter { start in
                var stack = Array(edges[start] ?? []), reached: Set<String> = []
                while let name = stack.popLast() {
                    if name == start { return true }
                    if reached.insert(name).inserted { stack += edges[name] ?? [] }
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

    func has(_ name: String) -> Bool { sources[name] != nil }

    var names: [String] { sources.keys.sorted() }

    /// Renders template `name` with `scope`. Every variable or section the templates ask for
    /// and no scope has becomes an error at its first use in the template files.
    func render(_ name: String, _ scope: TemplateScope) -> ([UInt8], [Diagnostic]) {
        let (text, diagnostics) = renderText(name, scope)
        return (Array(text.utf8), diagnostics)
    }

    /// `render`, as text (for a page's body, which goes into the layout).
    func renderText(_ name: String, _ scope: TemplateScope) -> (String, [Diagnostic]) {
        let root = RootContext(scope)
        let output = library.render(root, withTemplate: name) ?? ""
        let missing = root.recorder.missing
        guard !missing.isEmpty else { return (output, []) }
        let keys = scope.allKeys
        let diagnostics = missing.sorted().map { key -> Diagnostic in
            .error(
                location(ofVariable: key, preferring: name), "template uses \"\(key)\" but the page has no such value",
                fix: closestMatch(to: key, in: keys).map { "did you mean \"\($0)\"?" })
        }
        return (output, diagnostics)
    }

    /// Where a variable is first used: in the template itself, else in any partial.
    private func location(ofVariable key: String, preferring name: String) -> SourceLocation {
        let order = [name] + names.filter { $0 != name }
        for candidate in order {
            guard let source = sources[candidate] else { continue }
            for sigil in ["", "#", "^", "&", "{"] {
                if let found = Self.tags(in: source.text, file: source.file, sigil: sigil).first(where: { $0.name == key }) {
                    return found.location
                }
            }
        }
        return SourceLocation(file: sources[name]?.file ?? name)
    }

    /// Finds `{{<sigil> name}}` tags and their positions (for diagnostics only; swift-mustache parses).
    static func tags(in text: String, file: String, sigil: String) -> [(name: String, location: SourceLocation)] {
        var found: [(String, SourceLocation)] = []
        let sigilBytes = Array(sigil.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var bytes = bytes
            while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
            while let last = bytes.last, isSpace(last) { bytes.removeLast() }
            return bytes
        }
        var line = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(lineText.utf8)
            var i = 0
            while i + 1 < bytes.count {
                guard bytes[i] == open, bytes[i + 1] == open else { i += 1; continue }
                var end = i + 2
                while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
                guard end + 1 < bytes.count else { break }
                var inner = trimmed(bytes[(i + 2)..<end])
                if inner.first == open { inner = trimmed(inner.dropFirst()) }
                let matches =
                    sigilBytes.isEmpty
                    ? inner.first.map { !Array("#^/>!&={<$".utf8).contains($0) } ?? false
                    : inner.starts(with: sigilBytes)
                if matches {
                    let name = String(decoding: trimmed(inner.dropFirst(sigil == "{" ? 0 : sigilBytes.count)), as: UTF8.self)
                    // Columns count characters, as editors do.
                    let prefix = bytes[..<i]
                    let column = (prefix.allSatisfy { $0 < 0x80 } ? i : String(decoding: prefix, as: UTF8.self).count) + 1
                    found.append((name, SourceLocation(file: file, line: line, column: column)))
                }
                i = end + 2
            }
            line += 1
        }
        return found
    }

    /// The first `{{#name}}` or `{{^name}}` without its `{{/name}}`, to point at the real mistake
    /// when the parser only notices it at the end of the file.
    static func unclosedSection(in text: String, file: String) -> (String, SourceLocation)? {
        var open: [(String, SourceLocation)] = []
        let all =
            (tags(in: text, file: file, sigil: "#") + tags(in: text, file: file, sigil: "^")).map { ($0.name, $0.location, true) }
            + tags(in: text, file: file, sigil: "/").map { ($0.name, $0.location, false) }
        for (name, location, opens) in all.sorted(by: { $0.1 < $1.1 }) {
            if opens {
                open.append((name, location))
            } else if let last = open.last, last.0 == name {
                open.removeLast()
            } else {
                return open.last ?? (name, location)
            }
        }
        return open.first
    }

    private static func describe(_ error: Error) -> String {
        let text = "\(error)"
        // swift-mustache's errors are enum cases like `sectionCloseNameIncorrect`: make them readable.
        var words = ""
        for character in text {
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words
    }
}
