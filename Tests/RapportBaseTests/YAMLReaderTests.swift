import Diagnostics
import RapportBase
import Testing

/// The YAML reader every content file is read with: values typed by their reader, each mistake
/// at its line and column (front matter shifted by its offset), unknown keys with a suggestion,
/// texts in every language of the site.
@Suite struct YAMLReaderTests {
    /// The reader after parsing `text` into a mapping, with its values by key.
    func read(_ text: String, languages: [Language] = [.nl, .fr], offset: Int = 0) throws -> (YAMLReader, [String: YAMLNode]) {
        var yaml = YAMLReader(file: "x.yml", lineOffset: offset, languages: languages)
        let root = yaml.parse(text)
        let pairs = yaml.mapping(root, what: "a dataset")
        return (yaml, YAMLReader.index(try #require(pairs)))
    }

    @Test func valuesAreTypedWhereTheyAreRead() throws {
        var (yaml, values) = try read("base: 136\ntitle: {nl: Titel, fr: Titre}\nkind: bars\n")
        let base = try #require(values["base"]), kind = try #require(values["kind"]), titleNode = try #require(values["title"])
        #expect(yaml.integer(base, what: "base") == 136)
        #expect(yaml.string(kind, what: "kind") == "bars")
        let title = yaml.localized(titleNode, what: "title")
        #expect(title?[.nl] == "Titel" && title?[.fr] == "Titre")
        #expect(yaml.diagnostics.isEmpty)
    }

    @Test func mistakesAreReportedWhereTheyAre() throws {
        let text = "base: veel\ntitle: {nl: Titel}\nkidn: bars\nempty: ''\n"
        var (yaml, values) = try read(text, offset: 1)
        let base = try #require(values["base"]), title = try #require(values["title"]), empty = try #require(values["empty"])
        #expect(yaml.integer(base, what: "base") == nil)
        #expect(yaml.localized(title, what: "title") == nil)
        #expect(yaml.string(empty, what: "empty") == nil)
        var keys = YAMLReader(file: "x.yml", lineOffset: 1)
        let root = keys.parse(text)
        let mapping = keys.mapping(root, what: "a dataset")
        let pairs = try #require(mapping)
        keys.rejectUnknownKeys(pairs, known: ["base", "title", "kind", "empty"], what: "metadata")
        #expect(
            (yaml.diagnostics + keys.diagnostics).map(\.description) == [
                #"x.yml:2:7: error: base must be a whole number, not "veel""#,
                #"x.yml:3:8: error: title is missing its French text (add fr: …)"#,
                #"x.yml:5:8: error: empty is empty"#,
                #"x.yml:4:1: error: unknown metadata key "kidn" (did you mean "kind"?)"#,
            ])
    }

    @Test func aSyntaxErrorIsOneDiagnosticAtItsPlace() {
        var yaml = YAMLReader(file: "x.yml")
        #expect(yaml.parse("title: {nl: Titel\nbase: 1\n") == nil)
        #expect(yaml.diagnostics.count == 1)
        #expect(yaml.diagnostics.first?.location.file == "x.yml")
        #expect(yaml.diagnostics.first?.severity == .error)
        var duplicate = YAMLReader(file: "x.yml")
        #expect(duplicate.parse("base: 1\nbase: 2\n") == nil)
        #expect(duplicate.diagnostics.first?.problem == .yaml(.duplicateKeys(["base"])))
        #expect(duplicate.diagnostics.first?.message == #"duplicate key "base""#)
    }

    @Test func numbersStayTextUntilAReaderTypesThem() throws {
        // The basic resolver: `no`, `1.0`, `2024-01-01` are texts, never a Bool, Double or Date.
        var (yaml, values) = try read("a: no\nb: 1.0\nc: 2024-01-01\n")
        let a = try #require(values["a"]), b = try #require(values["b"]), c = try #require(values["c"])
        #expect(yaml.string(a, what: "a") == "no")
        #expect(yaml.string(b, what: "b") == "1.0")
        #expect(yaml.string(c, what: "c") == "2024-01-01")
    }

    @Test func aTextInEveryLanguageOfTheSite() throws {
        var (yaml, values) = try read("title: {nl: Titel, fr: Titre, en: Title}\n", languages: [.nl, .fr, .de])
        let title = try #require(values["title"])
        #expect(yaml.localized(title, what: "title") == nil)
        // One cause, one diagnostic: the German text is missing because "en" stands where "de" goes.
        #expect(yaml.diagnostics.map(\.description) == [#"x.yml:1:31: error: unknown language key "en" (did you mean "de"?)"#])
    }
}
