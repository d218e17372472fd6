import Diagnostics

/// A text in every language of the site, e.g. a chart title or a row label.
public struct Localized: Hashable, Sendable {
    public var texts: [Language: String]
    /// Where each text starts in its file, when read from YAML (for `{{…}}` in dataset texts).
    public var locations: [Language: SourceLocation]

    public init(_ texts: [Language: String], locations: [Language: SourceLocation] = [:]) {
        self.texts = texts
        self.locations = locations
    }

    /// The same text in each of `languages` (a series named after its key).
    public init(same text: String, in languages: [Language]) {
        self.init(Dictionary(uniqueKeysWithValues: languages.map { ($0, text) }))
    }

    /// The text in `language`; empty when it has none (a missing text is reported where it is read).
    public subscript(language: Language) -> String {
        get { texts[language] ?? "" }
        set { texts[language] = newValue }
    }
}
