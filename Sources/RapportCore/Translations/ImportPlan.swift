import Diagnostics
import Foundation
import RapportBase

/// What an XLIFF file asks to write, checked segment by segment before anything is written:
/// each trans-unit must name a segment of the content, carry its current source (else the
/// export is stale) and keep every protected code of it, once, unchanged, each `<bpt>` before
/// its `<ept>`. Then the edits, file by file: only the bytes of the translated texts change.
struct ImportPlan {
    struct Edit {
        var range: Range<Int>
        var bytes: [UInt8]
        var order: Int
    }

    let xliff: String
    private(set) var diagnostics: [Diagnostic] = []
    private var edits: [URL: [Edit]] = [:]
    private var originals: [URL: Data] = [:]
    private(set) var writtenCount = 0
    /// Units to mark done, lines about units left as they are.
    private(set) var complete: [TranslationUnit] = []
    private(set) var leftovers: [String] = []
    private(set) var incomplete: [String] = []

    init(xliff: String) { self.xliff = xliff }

    mutating func add(_ read: [XLIFFReader.Unit], units: [TranslationUnit], segments set: TranslationSegments) {
        let byId = Dictionary(set.segments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var translated: Set<String> = []
        var fills: [Int: [(Range<Int>, String)]] = [:]
        for unit in read {
            guard let segment = byId[unit.id] else {
                diagnostics.append(
                    .error(unit.at, .translation(.unknownSegment(id: unit.id))))
                continue
            }
            guard Self.merged(unit.source) == Self.merged(segment.source.pieces.map(Self.withoutNative)) else {
                diagnostics.append(
                    .error(
                        unit.at,
                        .translation(
                            .staleSource(id: unit.id, now: segment.source.markdown(escaping: .plain), language: unit.targetLanguage))))
                continue
            }
            guard let target = unit.target, !InlineText(pieces: target).isBlank else { continue }
            if let current = segment.target, Self.merged(current.pieces.map(Self.withoutNative)) == Self.merged(target) {
                translated.insert(segment.id)
                continue  // the translation as it is: its bytes stay as they are
            }
            guard let text = checked(target, against: segment, at: unit.targetAt ?? unit.at) else { continue }
            translated.insert(segment.id)
            let value = text.markdown(escaping: segment.mode)
            switch segment.place {
            case let .replace(url, range, format): edit(url, range, Self.encode(value, format), order: 0)
            case let .insert(url, offset, prefix, format): edit(url, offset..<offset, prefix + Self.encode(value, format), order: 1)
            case let .rewrite(index, range): fills[index, default: []].append((range, value))
            case let .none(why):
                diagnostics.append(.error(unit.at, .translation(.cannotPlace(id: unit.id, why))))
            }
        }
        // A section written whole needs every one of its segments.
        for (index, rewrite) in set.rewrites.enumerated() {
            let members = set.segments.filter { if case .rewrite(index, _) = $0.place { true } else { false } }
            guard let filled = fills[index], !filled.isEmpty else { continue }
            let missing = members.filter { !translated.contains($0.id) }
            if !missing.isEmpty {
                diagnostics.append(
                    .error(
                        SourceLocation(file: xliff), .translation(.sectionIncomplete(at: "\(members[0].sourceAt)", missing: missing.map(\.id)))))
                continue
            }
            var bytes = rewrite.source
            for (range, value) in filled.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) { bytes.replaceSubrange(range, with: Array(value.utf8)) }
            edits[rewrite.file, default: []].append(Edit(range: rewrite.replacing, bytes: bytes, order: 2 + index))
            writtenCount += filled.count
        }
        for (index, unit) in units.enumerated() {
            let behind = set.segments.filter { $0.unit == index && $0.behind }
            guard !behind.isEmpty, read.contains(where: { $0.id.hasPrefix(unit.key + "#") }) else { continue }
            let open = behind.filter { !translated.contains($0.id) }
            if let notes = set.leftovers[index] {
                leftovers += notes
            } else if open.isEmpty {
                complete.append(unit)
            } else {
                incomplete.append("not marked done: \(unit.file) (\(unit.language.code)), \(open.count) segment\(open.count == 1 ? "" : "s") without translation")
            }
        }
    }

    /// The target with its codes' file text, when its codes are the source's. One diagnostic per
    /// cause: codes removed, changed, added, repeated, closed before they open.
    private mutating func checked(_ target: [InlineText.Piece], against segment: TranslationSegment, at: SourceLocation) -> InlineText? {
        // Allowed: the source's codes and those of the translation as exported. Required: the
        // source's, but a `{{lang …}}` (foreign words may not be foreign in the translation), and
        // a link the translation has its own of, to the same page (with its own language's anchor).
        let sourceCodes = segment.source.codes, ownCodes = segment.target?.codes ?? []
        let own = ownCodes.filter { code in !sourceCodes.contains { $0.kind == code.kind && $0.id == code.id } }
        let expected = sourceCodes + own
        func page(_ native: String) -> String { String(native.prefix { $0 != "#" && $0 != ")" }) }
        let ownLinks = own.filter { $0.kind == .ept && $0.native.hasPrefix("](") && target.contains(.code(.init(kind: .ept, id: $0.id, native: "", shown: $0.shown))) }
        let required = sourceCodes.filter { code in
            if code.kind == .ph, code.native.hasPrefix("{{lang ") { return false }
            let end = sourceCodes.first { $0.id == code.id && $0.kind == .ept }
            if let end, end.native.hasPrefix("]("), ownLinks.contains(where: { page($0.native) == page(end.native) }) { return false }
            return true
        }
        var seen: [String] = [], pieces: [InlineText.Piece] = []
        var changed: [String] = [], added: [String] = [], twice: [String] = [], early: [String] = []
        func tag(_ code: InlineText.Code) -> String { "<\(code.kind.rawValue) id=\"\(code.id)\">\(code.shown)</\(code.kind.rawValue)>" }
        for piece in target {
            guard case let .code(code) = piece else {
                pieces.append(piece)
                continue
            }
            guard let source = expected.first(where: { $0.kind == code.kind && $0.id == code.id }) else {
                added.append(tag(code))
                continue
            }
            if seen.contains(tag(source)) { twice.append(tag(source)) }
            if code.shown != source.shown { changed.append("\(tag(source)) to \(tag(code))") }
            if code.kind == .ept, !seen.contains(where: { $0.hasPrefix("<bpt id=\"\(code.id)\">") }) { early.append("<ept id=\"\(code.id)\">") }
            seen.append(tag(source))
            pieces.append(.code(source))
        }
        // A pair is whole or absent.
        let removed = expected.filter { code in
            !seen.contains(tag(code))
                && (required.contains(code) || expected.contains { $0.id == code.id && $0.kind != code.kind && seen.contains(tag($0)) })
        }
        let problems: [(Bool, TranslationProblem.CodeProblem)] = [
            (!removed.isEmpty, .removed(tags: removed.map(tag), natives: removed.map { $0.native.debugDescription })),
            (!changed.isEmpty, .changed(changed)),
            (!added.isEmpty, .added(added)),
            (!twice.isEmpty, .twice(twice)),
            (!early.isEmpty, .early(early)),
        ]
        for (found, problem) in problems where found { diagnostics.append(.error(at, .translation(.codes(id: segment.id, problem)))) }
        return problems.contains { $0.0 } ? nil : InlineText(pieces: pieces)
    }

    private mutating func edit(_ url: URL, _ range: Range<Int>, _ text: String, order: Int) {
        edits[url, default: []].append(Edit(range: range, bytes: Array(text.utf8), order: order))
        writtenCount += 1
    }

    static func encode(_ text: String, _ format: TranslationSegment.Format) -> String {
        switch format {
        case .markdown: text
        case let .yaml(flow): YAMLPlace.scalar(text, flow: flow)
        case let .csv(delimiter): CSVPlace.cell(text, delimiter: delimiter)
        }
    }

    static func withoutNative(_ piece: InlineText.Piece) -> InlineText.Piece {
        guard case var .code(code) = piece else { return piece }
        code.native = ""
        return .code(code)
    }

    /// Adjacent texts as one (a CAT tool may split them).
    static func merged(_ pieces: [InlineText.Piece]) -> [InlineText.Piece] {
        var out: [InlineText.Piece] = []
        for piece in pieces {
            if case let .text(text) = piece, case let .text(last)? = out.last {
                out[out.count - 1] = .text(last + text)
            } else if case .text("") = piece {
                continue
            } else {
                out.append(piece)
            }
        }
        return out
    }

    /// Applies the edits, each file written whole under a temporary name (kept in memory until
    /// `restore`). Returns the files written.
    mutating func write(display: (URL) -> String) -> Result<[URL], Diagnostic> {
        var written: [URL] = []
        for (url, edits) in edits.sorted(by: { $0.key.path < $1.key.path }) {
            guard let data = try? Data(contentsOf: url) else {
                return .failure(.error(SourceLocation(file: display(url)), .translation(.fileUnreadable)))
            }
            originals[url] = data
            var bytes = Array(data)
            for edit in edits.sorted(by: { ($0.range.lowerBound, $0.order) > ($1.range.lowerBound, $1.order) }) {
                var insert = edit.bytes
                if edit.range.isEmpty, edit.order >= 2 {
                    // A new section: blank lines around it.
                    let before = bytes[..<edit.range.lowerBound].suffix(2)
                    if edit.range.lowerBound > 0, before.last != 0x0A { insert = [0x0A, 0x0A] + insert } else if edit.range.lowerBound > 0, before != [0x0A, 0x0A] { insert = [0x0A] + insert }
                    if edit.range.lowerBound < bytes.count, insert.suffix(2) != [0x0A, 0x0A] { insert += insert.last == 0x0A ? [0x0A] : [0x0A, 0x0A] }
                }
                bytes.replaceSubrange(edit.range, with: insert)
            }
            do {
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                restore()
                return .failure(.error(SourceLocation(file: display(url)), .translation(.fileUnwritable(reason: error.localizedDescription))))
            }
            written.append(url)
        }
        return .success(written)
    }

    /// Puts back the files as they were before `write`.
    func restore() {
        for (url, data) in originals { try? data.write(to: url, options: .atomic) }
    }
}
