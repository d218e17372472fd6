/// A YAML file (a dataset's metadata, site.yml, front matter, interface texts, study.yml):
/// its syntax, with libyaml's errors said in an editor's words at the place to change, and
/// its shape (a text where a text goes, known keys, a whole number in range).
///
/// `field` is how the value read is named where it is read (`base`, `theme colour accent`,
/// `series "share" label (nl)`).
public enum YAMLProblem: Hashable, Sendable {
    // Syntax (`YAMLReader.explain`)
    /// A quote (`"` or `'`) opens a value and is not closed.
    case unclosedQuote(quote: String)
    case tabInIndentation
    /// A `[` (`list`) or `{` that is not closed.
    case unclosedBracket(list: Bool)
    /// `key: a: b`: the value `value` of `key` holds `: `.
    case colonInValue(key: String, value: String)
    case noKey
    /// A value that starts with a character YAML reserves (`@`, `` ` ``, `&`, `*`, `!`);
    /// `key` and `value` are the line's, when it is `key: value`.
    case reservedStart(character: String, key: String?, value: String?)
    case textAfterClosingQuote
    /// A key of a list item not lined up with the item's first key (`key`, `keyIndent` spaces in).
    case listItemIndentation(indent: Int, key: String, keyIndent: Int)
    case blockIndentation
    case indentation(indent: Int, above: Int)
    /// What libyaml said, when it is not recognised.
    case syntax(libyaml: String)
    /// A character libyaml does not read, other than a control character.
    case unreadable(libyaml: String)
    case controlCharacter(codePoint: String)
    case duplicateKeys([String])

    // Shape (`YAMLReader.mapping`, `string` …)
    case notAMapping(field: String)
    case notAList(field: String)
    case notAText(field: String)
    case empty(field: String)
    /// `written` is the value as written, nil when it is not a scalar.
    case notAWholeNumber(field: String, written: String?)
    /// `upper` is nil when there is no upper bound.
    case outOfRange(field: String, value: Int, lower: Int, upper: Int?)
    /// A key not among `known` in a mapping of `field` (`metadata`, `theme`, `language`).
    case unknownKey(field: String, key: String, suggestion: String?, known: [String])
    /// A value not among `known` (`kind: barz`).
    case unknownValue(field: String, value: String, suggestion: String?, known: [String])
    /// A `{nl: …, fr: …}` text without one of the site's languages.
    case missingLanguage(field: String, LanguageName)

    public var message: String {
        switch self {
        case let .unclosedQuote(quote): "the quote (\(quote)) that opens this value is never closed"
        case .tabInIndentation: "a tab in the indentation"
        case let .unclosedBracket(list): "the \"\(list ? "[" : "{")\" that opens \(list ? "a list" : "a mapping") is never closed"
        case .colonInValue: "a value with \": \" in it must be in quotes"
        case .noKey: "this line has no \"key:\" and does not continue the value above"
        case let .reservedStart(character, _, _): "a value cannot start with \"\(character)\""
        case .textAfterClosingQuote: "text after the closing quote of a value"
        case let .listItemIndentation(indent, key, keyIndent):
            "this line is indented by \(count(indent, "space")), the key \"\(key)\" of the list item above by \(keyIndent)"
        case .blockIndentation: "this line is indented unlike the lines of its block"
        case let .indentation(indent, above): "this line is indented by \(count(indent, "space")), the line above by \(above)"
        case let .syntax(libyaml), let .unreadable(libyaml): "invalid YAML: \(libyaml)"
        case let .controlCharacter(codePoint): "control character \(codePoint) in the text"
        case let .duplicateKeys(keys): "duplicate key \(quotedList(keys))"
        case let .notAMapping(field): "\(field) must be a mapping of keys to values"
        case let .notAList(field): "\(field) must be a list (lines starting with \"- \")"
        case let .notAText(field): "\(field) must be a text"
        case let .empty(field): "\(field) is empty"
        case let .notAWholeNumber(field, written): "\(field) must be a whole number, not \"\(written ?? "…")\""
        case let .outOfRange(field, value, lower, upper): "\(field) \(value) is out of range \(lower)…\(upper.map(String.init) ?? "")"
        case let .unknownKey(field, key, _, _): "unknown \(field) key \"\(key)\""
        case let .unknownValue(field, value, _, _): "unknown \(field) \"\(value)\""
        case let .missingLanguage(field, language): "\(field) is missing its \(language.english) text"
        }
    }

    public var fix: String? {
        switch self {
        case let .unclosedQuote(quote): "add \(quote) at the end of the value, or remove this one"
        case .tabInIndentation: "indent with spaces only: YAML does not allow tabs"
        case let .unclosedBracket(list):
            list
                ? "add \"]\" after the last item, or put a value that starts with \"[\" in quotes"
                : "add \"}\" after the last key, or put a value that starts with \"{\" in quotes"
        case let .colonInValue(key, value): "write \(key): \(Self.quoted(value))"
        case .noKey: "write key: value, or indent a continued text more than its key"
        case let .reservedStart(_, key?, value?): "put it in quotes: \(key): \(Self.quoted(value))"
        case .reservedStart: "put the value in quotes"
        case .textAfterClosingQuote: "quote the whole value, and write the quotes inside it as “ ” or « »"
        case .listItemIndentation: "indent the keys of one list item as far as the first, the one after \"- \""
        case .blockIndentation: "indent the keys of one block by the same number of spaces, and a key's value by more"
        case .indentation: "indent the keys of one block by the same number of spaces"
        case .syntax: "check indentation and quote values that contain ':' or '#'"
        case .unreadable: nil
        case .controlCharacter: retypeFix
        case .duplicateKeys, .notAMapping, .notAList, .notAText, .empty, .notAWholeNumber, .outOfRange: nil
        case let .unknownKey(_, _, suggestion, known): didYouMean(suggestion) ?? "known keys: \(known.joined(separator: ", "))"
        case let .unknownValue(_, _, suggestion, known): didYouMean(suggestion) ?? "use one of: \(known.joined(separator: ", "))"
        case let .missingLanguage(_, language): "add \(language.code): …"
        }
    }

    /// `value` in double quotes (single quotes when it holds a double quote); a long one cut.
    static func quoted(_ value: String) -> String {
        let value = value.count > 50 ? String(value.prefix(40)) + "…" : value
        return value.contains("\"")
            ? "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'" : "\"" + value + "\""
    }
}
