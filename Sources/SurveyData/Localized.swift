import Diagnostics

/// The site's two languages. Every reader-facing text exists in both.
public enum Language: String, CaseIterable, Sendable, Comparable {
    case nl, fr

    public static func < (a: Language, b: Language) -> Bool { a.index < b.index }
    private var index: Int { self == .nl ? 0 : 1 }

    /// The language's name in English, for diagnostics ("missing its French text").
    public var englishName: String { self == .nl ? "Dutch" : "French" }
}

/// A text in both languages, e.g. a chart title or a row label.
public struct Localized: Hashable, Sendable {
    public var nl: String
    public var fr: String
    /// Where each text starts in its file, when read from YAML (for `{{…}}` in dataset texts).
    public var locations: [Language: SourceLocation]

    public init(nl: String, fr: String, locations: [Language: SourceLocation] = [:]) {
        self.nl = nl
        self.fr = fr
        self.locations = locations
    }

    public subscript(language: Language) -> String {
        language == .nl ? nl : fr
    }
}
