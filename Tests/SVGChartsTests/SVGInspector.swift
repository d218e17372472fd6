import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG markup with Foundation's XMLParser and collects what the tests look at.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    /// A `<text>` element: its attributes, its full content, and its lines (tspans with an x).
    struct Text {
        var attributes: [String: String]
        var content: String
        var lines: [(x: Double?, content: String)]
    }

    private(set) var elements: [Element] = []
    private(set) var texts: [Text] = []
    private(set) var titles: [String] = []
    private(set) var descs: [String] = []
    private(set) var parseError: String?
    private(set) var roots = 0

    private var stack: [String] = []
    private var currentText: Text?
    private var currentTitle: String?
    private var currentDesc: String?

    /// Parses `svg`; for `figures`, several root `<svg>` elements are wrapped in one `<page>`.
    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(("<page>" + svg + "</page>").utf8))
        parser.delegate = self
        if !parser.parse() {
            parseError = parser.parserError.map { "\($0)" } ?? "unknown error"
        }
    }

    var ok: Bool { parseError == nil }
    var ids: [String] { elements.compactMap { $0.attributes["id"] } }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        if name == "svg" && stack == ["page"] { roots += 1 }
        stack.append(name)
        switch name {
        case "text": currentText = Text(attributes: attributes, content: "", lines: [])
        case "tspan":
            if let x = attributes["x"] { currentText?.lines.append((Double(x), "")) }
        case "title": currentTitle = ""
        case "desc": currentDesc = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if var text = currentText {
            text.content += string
            if !text.lines.isEmpty { text.lines[text.lines.count - 1].content += string }
            currentText = text
        }
        if currentTitle != nil { currentTitle! += string }
        if currentDesc != nil { currentDesc! += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        switch name {
        case "text":
            if let t = currentText { texts.append(t) }
            currentText = nil
        case "title":
            titles.append(currentTitle ?? "")
            currentTitle = nil
        case "desc":
            descs.append(currentDesc ?? "")
            currentDesc = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
        parseError = "\(error)"
    }
}
