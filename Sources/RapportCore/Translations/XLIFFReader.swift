import Diagnostics
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XLIFF 1.2 file read back with Foundation's XML parser (libxml2; external entities are
/// never resolved): each trans-unit's id, source and target as text and codes, with its place
/// in the XLIFF for diagnostics. `<mrk>` (a CAT tool's segment marks) is read through.
struct XLIFFReader {
    struct Unit {
        var file: String
        var targetLanguage: String
        var id: String
        var at: SourceLocation
        var source: [InlineText.Piece] = []
        var target: [InlineText.Piece]?
        var targetAt: SourceLocation?
    }

    private(set) var units: [Unit] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(data: Data, file: String) {
        let delegate = Delegate(file: file)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            delegate.problems.append(
                .error(
                    SourceLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)),
                    .translation(.notWellFormed(reason: message))))
        }
        if delegate.version == nil, delegate.problems.isEmpty {
            delegate.problems.append(
                .error(SourceLocation(file: file), .translation(.notXLIFF)))
        }
        units = delegate.units
        diagnostics = delegate.problems
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let file: String
        var units: [Unit] = []
        var problems: [Diagnostic] = []
        var version: String?
        var original = "", targetLanguage = ""
        var unit: Unit?
        /// Reading a source or a target: its pieces so far; and a code being read.
        var reading: (target: Bool, pieces: [InlineText.Piece])?
        var code: InlineText.Code?
        var codeText = ""

        init(file: String) { self.file = file }

        func place(_ parser: XMLParser) -> SourceLocation {
            SourceLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
        }

        func parser(
            _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if code != nil {
                problems.append(.error(place(parser), .translation(.elementInCode(element))))
                return
            }
            if reading != nil {
                switch element {
                case "ph", "bpt", "ept":
                    let kind = InlineText.Code.Kind(rawValue: element) ?? .ph
                    code = InlineText.Code(kind: kind, id: attributes["id"].flatMap { Int($0) } ?? -1, native: "", shown: "")
                    codeText = ""
                case "mrk": break
                default:
                    problems.append(
                        .error(place(parser), .translation(.unknownCode(element))))
                }
                return
            }
            switch element {
            case "xliff": version = attributes["version"] ?? ""
                if version != "1.2" {
                    problems.append(
                        .error(place(parser), .translation(.unsupportedVersion(version ?? ""))))
                }
            case "file":
                original = attributes["original"] ?? ""
                targetLanguage = attributes["target-language"] ?? ""
            case "trans-unit":
                unit = Unit(file: original, targetLanguage: targetLanguage, id: attributes["id"] ?? "", at: place(parser))
            case "source" where unit != nil: reading = (false, [])
            case "target" where unit != nil:
                reading = (true, [])
                unit?.targetAt = place(parser)
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if code != nil {
                codeText += string
            } else if var open = reading {
                if case let .text(last)? = open.pieces.last {
                    open.pieces[open.pieces.count - 1] = .text(last + string)
                } else {
                    open.pieces.append(.text(string))
                }
                reading = open
            }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if var open = code, element == open.kind.rawValue {
                open.shown = codeText
                reading?.pieces.append(.code(open))
                code = nil
                return
            }
            switch element {
            case "source" where reading?.target == false:
                unit?.source = reading?.pieces ?? []
                reading = nil
            case "target" where reading?.target == true:
                unit?.target = reading?.pieces ?? []
                reading = nil
            case "trans-unit":
                if let unit { units.append(unit) }
                unit = nil
            default: break
            }
        }
    }
}
