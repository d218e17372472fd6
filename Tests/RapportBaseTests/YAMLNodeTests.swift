import Diagnostics
import RapportBase
import Testing

/// The node tree `YAMLReader` reads a YAML text into (libyaml's events composed in Rapport),
/// and what it reports for a text that is no valid YAML.
@Suite struct YAMLNodeTests {
    /// A tree in one line: S(calar), M(apping), L(ist) at line:column, /style, !tag, =text.
    static func dump(_ node: YAMLNode) -> String {
        let mark = "\(node.mark.line):\(node.mark.column)", tag = node.tag.map { "!" + $0 } ?? ""
        switch node.value {
        case let .scalar(text): return "S\(mark)/\(node.style.rawValue)\(tag)=\(text.debugDescription)"
        case let .mapping(pairs): return "M\(mark)\(tag){" + pairs.map { dump($0.key) + ": " + dump($0.value) }.joined(separator: ", ") + "}"
        case let .sequence(items): return "L\(mark)\(tag)[" + items.map(dump).joined(separator: ", ") + "]"
        }
    }

    /// The tree of `text`, "nil" for no document, "error" for an error.
    static func tree(_ text: String) -> String {
        var reader = YAMLReader(file: "x.yml")
        let node = reader.parse(text)
        return node.map(dump) ?? (reader.diagnostics.isEmpty ? "nil" : "error")
    }

    /// The diagnostics of `text` parsed as front matter (one line down) and the result's kind.
    static func problems(_ text: String, offset: Int = 0) -> [String] {
        var reader = YAMLReader(file: "x.yml", lineOffset: offset)
        _ = reader.parse(text)
        return reader.diagnostics.map(\.description)
    }

    @Test(arguments: YAMLSamples.trees) func treesAsYamsComposedThem(sample: (text: String, tree: String)) {
        #expect(Self.tree(sample.text) == sample.tree)
    }

    @Test func keysInFileOrderWithTheirPlaces() throws {
        var reader = YAMLReader(file: "x.yml", lineOffset: 1)
        let parsed = reader.parse("zeta: 1\nalpha:\n  - 'b'\n  - |\n    c\nmid: {x: y}\n")
        let root = try #require(parsed)
        let pairs = try #require(root.pairs)
        #expect(pairs.map(\.key.string) == ["zeta", "alpha", "mid"])
        #expect(pairs.map(\.key.mark) == [.init(line: 1, column: 1), .init(line: 2, column: 1), .init(line: 6, column: 1)])
        let items = try #require(root["alpha"]?.items)
        #expect(items.map(\.style) == [.singleQuoted, .literal])
        // Where the text starts: after the quote, on the line after `|`; the front matter offset added.
        #expect(items.map { reader.textLocation(of: $0).description } == ["x.yml:4:6", "x.yml:6:5"])
        #expect(root["mid"]?["x"]?.string == "y" && root["none"] == nil)
        #expect(root["mid"]?.description == "{x: y}")
    }

    @Test func anAliasIsItsAnchorsNodeAndTheLatestAnchorCounts() throws {
        var reader = YAMLReader(file: "x.yml")
        let parsed = reader.parse("a: &t {k: v}\nb: *t\nc: &t w\nd: *t\n")
        let root = try #require(parsed)
        #expect(root["b"].map(Self.dump) == root["a"].map(Self.dump))
        #expect(root["b"]?.mark == .init(line: 1, column: 4))
        #expect(root["d"]?.string == "w")
        #expect(Self.problems("a: *nowhere\n", offset: 1) == [
            #"x.yml:2:4: error: invalid YAML: found undefined alias (check indentation and quote values that contain ':' or '#')"#
        ])
    }

    @Test func aKeyTwiceIsAnErrorAtItsFirstPlace() {
        #expect(Self.problems("base: 1\nbase: 2\n") == [#"x.yml:1:1: error: duplicate key "base""#])
        #expect(Self.problems("a:\n  x: 1\n  y: 2\n  x: 3\n", offset: 1) == [#"x.yml:3:3: error: duplicate key "x""#])
        #expect(Self.problems("b: 1\na: 1\nb: 2\na: 2\n") == [#"x.yml:2:1: error: duplicate key "a", "b""#])
        // Quoting does not make another key; a tag does.
        #expect(Self.problems("'a': 1\na: 2\n") == [#"x.yml:1:1: error: duplicate key "a""#])
        #expect(Self.problems("!x a: 1\na: 2\n") == [])
        // Many keys (the set of keys seen, not pairwise comparison).
        let many = (1...40).map { "k\($0): v\n" }.joined() + "k7: again\n"
        #expect(Self.problems(many) == [#"x.yml:7:1: error: duplicate key "k7""#])
    }

    @Test func syntaxErrorsInTheReadersWords() {
        #expect(Self.problems("title: {nl: Titel\nbase: 1\n", offset: 1) == [
            #"x.yml:2:8: error: the "{" that opens a mapping is never closed (add "}" after the last key, or put a value that starts with "{" in quotes)"#
        ])
        #expect(Self.problems("a:\n\tb: 1\n") == [#"x.yml:2:1: error: a tab in the indentation (indent with spaces only: YAML does not allow tabs)"#])
        #expect(Self.problems("a: 1\n  b: 2\n") == [
            #"x.yml:2:3: error: this line is indented by 2 spaces, the line above by 0 (indent the keys of one block by the same number of spaces)"#
        ])
        #expect(Self.problems("a: @b\n") == [#"x.yml:1:4: error: a value cannot start with "@" (put it in quotes: a: "@b")"#])
        #expect(Self.problems("a: \"x\" y\n") == [
            #"x.yml:1:8: error: text after the closing quote of a value (quote the whole value, and write the quotes inside it as “ ” or « »)"#
        ])
        #expect(Self.problems("- a\n- [b, c\n") == [
            #"x.yml:2:3: error: the "[" that opens a list is never closed (add "]" after the last item, or put a value that starts with "[" in quotes)"#
        ])
    }

    @Test func columnsCountAstralCharactersAsAnEditorDoes() throws {
        // 😀 is one Unicode scalar (libyaml's column) and two columns in an editor.
        #expect(Self.problems("a: 😀😀 b: c\n", offset: 1) == [#"x.yml:2:10: error: a value with ": " in it must be in quotes (write a: "😀😀 b: c")"#])
        var reader = YAMLReader(file: "x.yml")
        let parsed = reader.parse("k: [😀, d]\n")
        let root = try #require(parsed)
        let items = try #require(root["k"]?.items)
        #expect(items[1].mark == .init(line: 1, column: 8))
        #expect(reader.location(of: items[1]).description == "x.yml:1:9")
    }

    @Test func oneDocumentOrNone() {
        #expect(Self.tree("") == "nil" && Self.problems("") == [])
        #expect(Self.tree("# only a comment\n") == "nil")
        #expect(Self.tree("---\n") == #"S2:1/1="""#)
        #expect(Self.problems("a: 1\n---\nb: 2\n") == [
            #"x.yml:2:1: error: invalid YAML: expected a single document in the stream but found another document (check indentation and quote values that contain ':' or '#')"#
        ])
    }

    /// A control character is reported at its line and column (it was reported at line 1, in
    /// Yams' words over three lines: "1:4: error: reader: control characters are not allowed:…").
    @Test func aControlCharacterIsReportedWhereItIs() {
        #expect(Self.problems("a: 1\nb: x\u{1}\n", offset: 1) == [
            "x.yml:3:5: error: control character U+0001 in the text (delete it: retype this part of the line; it often comes from pasting or joining files)"
        ])
        #expect(Self.problems("a: 😀\u{7F}\n") == [
            "x.yml:1:6: error: control character U+007F in the text (delete it: retype this part of the line; it often comes from pasting or joining files)"
        ])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(Self.problems(deep).count == 1)
        let fine = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(Self.problems(fine) == [])
    }

    @Test func writtenAsYAML() {
        let long = String(repeating: "word ", count: 40) + "end"
        let node = YAMLNode(
            .mapping([
                (YAMLNode("list"), YAMLNode(.sequence([YAMLNode("één"), YAMLNode("a: b"), YAMLNode(""), YAMLNode("12")]))),
                (YAMLNode("block"), YAMLNode("line 1\nline 2\n", style: .literal)),
                (YAMLNode("long"), YAMLNode(long)),
            ]))
        // As Yams wrote it (the same libyaml settings): an empty text is nothing after "-".
        #expect(node.yaml() == "list:\n- één\n- 'a: b'\n-\n- 12\nblock: |\n  line 1\n  line 2\nlong: \(long)\n")
        #expect(YAMLReader.node(of: node.yaml())?["long"]?.string == long)
    }
}
