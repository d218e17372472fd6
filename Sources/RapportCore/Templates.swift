import Diagnostics
import Foundation
import Mustache
import SurveyData

/// The Mustache templates of `Templates/` (swift-mustache), made strict: a syntax error, an
/// unknown partial, an unknown template and a variable the context lacks are all diagnostics
/// with the template's file, line and column (plain Mustache renders the last two as nothing).
struct TemplateSet {
    /// Templates every site needs.
    static let required = ["base", "home", "page", "figure", "root", "404"]

    private(set) var library = MustacheLibrary()
    /// Template name (`page`, `partials/header`) → its source text and displayed path.
    private(set) var sources: [String: (text: String, file: String)] = [:]

    /// swift-mustache escapes `{{…}}` values one Character at a time through a dictionary, which
    /// costs more than everything else on a page. Every template is read with this pragma (put
    /// in front of its text, on its first line, so no line number moves), which selects the
    /// same HTML escaping done on UTF-8 bytes (`escapeHTML`).
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
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "mustache" }
            .sorted { $0.path < $1.path }
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
                    diagnostics.append(.error(location, "template syntax error: section \"\(section)\" is never closed",
                                              fix: "add {{/\(section)}}"))
                } else {
                    let column = error.context.columnNumber - (error.context.lineNumber == 1 ? Self.contentTypePragma.count : 0)
                    diagnostics.append(Diagnostic(.error, SourceLocation(file: file, line: error.context.lineNumber, column: column),
                                                  "template syntax error: \(describe(error.error))", sourceLine: error.context.line))
                }
            } catch {
                diagnostics.append(.error(SourceLocation(file: file), "template syntax error: \(error)"))
            }
        }
        for name in required where set.sources[name] == nil {
            diagnostics.append(.error(SourceLocation(file: display(directory.appendingPathComponent("\(name).mustache"))),
                                      "missing template \"\(name)\""))
        }
        // Partials: `{{> name}}` must name a template that exists.
        for (name, source) in set.sources.sorted(by: { $0.key < $1.key }) {
            for (partial, location) in tags(in: source.text, file: source.file, sigil: ">") where set.sources[partial] == nil {
                let suggestion = closestMatch(to: partial, in: set.sources.keys)
                diagnostics.append(.error(location, "unknown partial \"\(partial)\" in template \"\(name)\"",
                                          fix: suggestion.map { "did you mean \"\($0)\"?" }))
            }
        }
        set.library = MustacheLibrary(templates: templates)
        return (set, diagnostics)
    }

    func has(_ name: String) -> Bool { sources[name] != nil }

    var names: [String] { sources.keys.sorted() }

    /// Renders template `name` with `context`. Every variable or section the templates ask for
    /// and the context lacks becomes an error at its first use in the template files.
    func render(_ name: String, _ context: [String: Any]) -> (String, [Diagnostic]) {
        let root = StrictContext(context)
        let output = library.render(root, withTemplate: name) ?? ""
        let missing = root.recorder.missing
        guard !missing.isEmpty else { return (output, []) }
        let diagnostics = missing.sorted().map { key -> Diagnostic in
            .error(location(ofVariable: key, preferring: name), "template uses \"\(key)\" but the page has no such value",
                   fix: closestMatch(to: key, in: context.keys).map { "did you mean \"\($0)\"?" })
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
        var line = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = lineText[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                var inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                if inner.hasPrefix("{") { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
                let matches: Bool
                if sigil.isEmpty {
                    matches = inner.first.map { !"#^/>!&={<$".contains($0) } ?? false
                } else {
                    matches = inner.hasPrefix(sigil)
                }
                if matches {
                    let name = String(inner.dropFirst(sigil == "{" ? 0 : sigil.count)).trimmingCharacters(in: .whitespaces)
                    let column = lineText.distance(from: lineText.startIndex, to: open.lowerBound) + 1
                    found.append((name, SourceLocation(file: file, line: line, column: column)))
                }
                rest = rest[close.upperBound...]
            }
            line += 1
        }
        return found
    }

    /// The first `{{#name}}` or `{{^name}}` without its `{{/name}}`, to point at the real mistake
    /// when the parser only notices it at the end of the file.
    static func unclosedSection(in text: String, file: String) -> (String, SourceLocation)? {
        var open: [(String, SourceLocation)] = []
        let all = (tags(in: text, file: file, sigil: "#") + tags(in: text, file: file, sigil: "^")).map { ($0.name, $0.location, true) }
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

/// HTML escaping of `&`, `<`, `>`, `"`, `'` as swift-mustache's own, on UTF-8 bytes.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Markup that goes into a template as it is (`{{{content}}}`, `{{{svg}}}`): handed to
/// swift-mustache as a custom renderable, which it inserts without copying it through
/// `String(describing:)`.
struct RawHTML: MustacheCustomRenderable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { html.isEmpty }
}

/// Records the names a template looked up that no context level had.
final class MissingRecorder: @unchecked Sendable {
    var missing: Set<String> = []
}

/// A context value that answers Mustache lookups from a dictionary. Only the root level
/// records misses: Mustache asks the innermost context first and falls back outwards, so a
/// name is really missing only when the root does not have it either. Nested dictionaries
/// and lists of dictionaries are converted once, up front, not at every lookup.
final class StrictContext: MustacheParent {
    private var values: [String: Any]
    let recorder: MissingRecorder
    private let isRoot: Bool

    init(_ values: [String: Any], recorder: MissingRecorder = MissingRecorder(), isRoot: Bool = true) {
        self.recorder = recorder
        self.isRoot = isRoot
        self.values = values
        for (key, value) in values {
            if let dictionary = value as? [String: Any] {
                self.values[key] = StrictContext(dictionary, recorder: recorder, isRoot: false)
            } else if let array = value as? [[String: Any]] {
                self.values[key] = array.map { StrictContext($0, recorder: recorder, isRoot: false) }
            }
        }
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else {
            if isRoot { recorder.missing.insert(name) }
            return nil
        }
        return value
    }
}
