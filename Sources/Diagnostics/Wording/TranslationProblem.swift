/// Translations: a translated file behind its source, the record of what was translated
/// (`Content/translations.yml`), and an XLIFF file imported (`rapport translations import`).
///
/// `id` is a segment's id in the XLIFF file (`nl/finances.md#3.1`).
public enum TranslationProblem: Hashable, Sendable {
    /// The `language` translation of `file` is behind its `source` language in `changes`
    /// (sections of a page, labels of a dataset, interface strings: `kind`).
    case behind(language: LanguageName, source: String, kind: UnitKind, changes: [Change], file: String)

    // The record
    case recordUnreadable
    case recordWithoutList
    case recordEntryIncomplete
    case recordSectionIncomplete
    case fingerprintMismatch(section: String)

    // An XLIFF import
    case xliffUnreadable
    /// The XML parser's `reason`, in its words.
    case notWellFormed(reason: String)
    case notXLIFF
    case unsupportedVersion(String)
    case elementInCode(String)
    case unknownCode(String)
    /// The first error of the content (`rapport check`): nothing is imported.
    indirect case contentHasErrors(Problem)
    case notATranslation(language: String)
    /// What the content would say after the import: nothing was written.
    indirect case importWouldBreak(Problem)
    case unknownSegment(id: String)
    /// The source of `id` changed since the export; `now` is what it says now, in `language`'s export.
    case staleSource(id: String, now: String, language: String)
    case cannotPlace(id: String, Unplaceable)
    /// A section written whole (at `at`) whose segments `missing` have no translation.
    case sectionIncomplete(at: String, missing: [String])
    /// The protected codes (`<ph id="1">…</ph>`) of segment `id`.
    case codes(id: String, CodeProblem)
    case fileUnreadable
    /// The system's `reason`, in its words.
    case fileUnwritable(reason: String)

    public enum UnitKind: Hashable, Sendable { case page, dataset, strings }

    /// One section, label or string changed since the translation was marked done.
    public struct Change: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable { case changed, new, removed }
        public var name: String
        public var kind: Kind
        /// Where it is in the source now (nil when removed).
        public var place: String?

        public init(name: String, kind: Kind, place: String?) {
            self.name = name
            self.kind = kind
            self.place = place
        }
    }

    /// Why a translated text has no place to be written in.
    public enum Unplaceable: Hashable, Sendable {
        /// `what` (`page title`) is not on one line in the front matter of `file`.
        case frontMatter(what: String, file: String)
        /// The `language` (`code`) text of label `key` was not found on one line.
        case label(key: String, language: LanguageName)
        /// String `key` is not on one line in `file`.
        case string(key: String, file: String)
    }

    /// What became of the protected codes: `tags` as written (`<ph id="1">*</ph>`).
    public enum CodeProblem: Hashable, Sendable {
        /// Removed: `natives` are the source's own text of each (as Swift quotes it).
        case removed(tags: [String], natives: [String])
        /// Changed: each `<ph id="1">*</ph> to <ph id="1">**</ph>`.
        case changed([String])
        case added([String])
        case twice([String])
        /// Closing codes before their opening code.
        case early([String])
    }

    public var message: String {
        switch self {
        case let .behind(language, source, kind, changes, _):
            "the \(language.english) translation is behind its source (\(source)) in \(count(changes.count, kind.noun)): "
                + changes.prefix(6).map { "\"\($0.name)\" (\($0.kind.rawValue)\($0.place.map { ", \($0)" } ?? ""))" }.joined(separator: ", ")
                + (changes.count > 6 ? " and \(changes.count - 6) more" : "")
        case .recordUnreadable: "cannot read the translation record"
        case .recordWithoutList: "the translation record has no list translations:"
        case .recordEntryIncomplete: "a translation needs file, language, source and sections"
        case .recordSectionIncomplete: "a section needs key, hash and text"
        case let .fingerprintMismatch(section): "the text of section \"\(section)\" does not match its fingerprint (edited by hand?)"
        case .xliffUnreadable: "cannot read the XLIFF file"
        case let .notWellFormed(reason): "the XLIFF file is not well-formed XML (\(reason))"
        case .notXLIFF: "not an XLIFF file (no <xliff> element)"
        case let .unsupportedVersion(version): "XLIFF \(version) is not read; Rapport reads the XLIFF 1.2 it exports"
        case let .elementInCode(element): "<\(element)> inside a protected code"
        case let .unknownCode(element): "<\(element)> is not one of the codes of the export (<ph>, <bpt>, <ept>)"
        case let .contentHasErrors(problem): "the content has errors: \(problem.message)"
        case let .notATranslation(language): "the target language \"\(language)\" is not one of the site's translations"
        case let .importWouldBreak(problem): "the import would make this an error, so nothing was written: \(problem.message)"
        case let .unknownSegment(id): "unknown segment \"\(id)\": the content has no such text"
        case let .staleSource(id, now, _): "the source of \"\(id)\" has changed since the export (stale export): it is now \"\(now)\""
        case let .cannotPlace(id, why): "cannot write the translation of \"\(id)\": \(why.text)"
        case let .sectionIncomplete(at, missing):
            "the section at \(at) is new or rearranged in the source and is written whole, but \(quotedList(missing)) \(missing.count == 1 ? "has" : "have") no translation"
        case let .codes(id, problem): "in \"\(id)\": \(problem.message)"
        case .fileUnreadable: "cannot read the file to write the translation in"
        case let .fileUnwritable(reason): "cannot write the translation: \(reason)"
        }
    }

    public var fix: String? {
        switch self {
        case let .behind(language, _, kind, _, file):
            "see the changes with rapport translations diff \(file)\(kind == .dataset ? " --to \(language.code)" : ""), update the translation, then rapport translations done \(file)"
        case .recordUnreadable: "check the file's permissions"
        case .recordWithoutList, .recordEntryIncomplete, .recordSectionIncomplete, .fingerprintMismatch:
            "restore it from git, or mark the translations again with rapport translations done"
        case .xliffUnreadable: "check its name and permissions"
        case .notWellFormed: "save it again from the translation tool, or export again"
        case .notXLIFF: "import the XLIFF file rapport translations export wrote"
        case .unsupportedVersion: "save the translation as XLIFF 1.2 (the format of the export)"
        case .elementInCode: "leave the code as it was in the source"
        case .unknownCode: "keep the source's codes in the translation as they are, and add no others"
        case .contentHasErrors: "fix them first (rapport check), then import again"
        case .notATranslation: "import an XLIFF exported from this study"
        case let .importWouldBreak(problem): problem.fix
        case .unknownSegment: "import the XLIFF exported from this study; if pages were renamed since, export again"
        case let .staleSource(_, _, language): "export again with rapport translations export --to \(language), and have the changed segments translated"
        case .cannotPlace, .fileUnreadable, .fileUnwritable: nil
        case .sectionIncomplete: "translate every segment of the section, then import again"
        case let .codes(_, problem): problem.fix
        }
    }
}

extension TranslationProblem.UnitKind {
    var noun: String {
        switch self {
        case .page: "section"
        case .dataset: "label"
        case .strings: "string"
        }
    }
}

extension TranslationProblem.Unplaceable {
    /// Why, and what to do.
    var text: String {
        switch self {
        case let .frontMatter(what, file): "write \(what) on one line in the front matter of \(file), then export again"
        case let .label(key, language):
            "the \(language.english) text of \(key) was not found in one line; write it as \(language.code): … on one line, then export again"
        case let .string(key, file): "\(key) is not in \(file) on one line; add \(key): … there, then export again"
        }
    }
}

extension TranslationProblem.CodeProblem {
    var message: String {
        switch self {
        case let .removed(tags, _):
            "the protected code\(tags.count == 1 ? "" : "s") \(tags.joined(separator: ", ")) \(tags.count == 1 ? "was" : "were") removed"
        case let .changed(changes):
            "the protected code\(changes.count == 1 ? " was" : "s were") changed: \(changes.joined(separator: ", "))"
        case let .added(tags): "\(tags.joined(separator: ", ")) \(tags.count == 1 ? "is" : "are") not in the source"
        case let .twice(tags): "\(tags.joined(separator: ", ")) \(tags.count == 1 ? "is" : "are") there twice"
        case let .early(tags):
            "\(tags.joined(separator: ", ")) \(tags.count == 1 ? "comes" : "come") before \(tags.count == 1 ? "its" : "their") <bpt>"
        }
    }

    var fix: String {
        switch self {
        case let .removed(tags, natives): "put \(tags.count == 1 ? "it" : "them") back: \(natives.joined(separator: ", ")) in the file"
        case .changed: "restore them as they are in the source"
        case .added: "remove them; keep only the source's codes"
        case .twice: "keep each code once"
        case .early: "put the opening code first"
        }
    }
}
