import CCMarkGFM
import SurveyData
import Foundation

/// The one file that talks to the C library cmark-gfm. Everything else sees Swift values.
///
/// Markdown is parsed with the GFM extensions (table, strikethrough, autolink, tagfilter) and
/// footnotes; raw HTML stays off (cmark's safe default: it is replaced by a comment). While the
/// tree is walked, three hooks let the caller rewrite it:
/// - a fenced block with info string `chart <id>` becomes the HTML the `chart` hook returns;
/// - `{{…}}` in text becomes the (already escaped) HTML the `placeholder` hook returns;
/// - every link URL passes through the `link` hook (relative `.md` links become page URLs).
/// Headings get readable ids, and the footnote back-link label is put in the page's language.
enum Markdown {
    /// Where in the Markdown file a construct stands (1-based line and column).
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    struct Heading {
        var level: Int
        var text: String
        var id: String
        var position: Position
    }

    struct Hooks {
        var chart: (_ info: String, _ at: Position) -> String
        var placeholder: (_ expression: String, _ at: Position) -> String
        var link: (_ url: String, _ at: Position) -> String
    }

    struct Document {
        var html: String
        var headings: [Heading]
    }

    /// Renders `text`. `lineOffset` is added to every reported line (the lines of front matter
    /// that were cut off before the Markdown body).
    /// cmark-gfm's extension registry is global: fill it once, before any thread parses.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    static func render(_ text: String, lineOffset: Int, footnoteBackLabel: String, footnotesTitle: String,
                       hooks: Hooks) -> Document {
        _ = registered
        let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART
        guard let parser = cmark_parser_new(options) else { return Document(html: "", headings: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return Document(html: "", headings: []) }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)

        func position(_ node: OpaquePointer) -> Position {
            Position(line: Int(cmark_node_get_start_line(node)) + lineOffset,
                     column: max(1, Int(cmark_node_get_start_column(node))))
        }

        // Collect first, then rewrite: the iterator must not see nodes change under it.
        var headings: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var texts: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HEADING: headings.append(node)
                case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
                case CMARK_NODE_TEXT: texts.append(node)
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
                default: break
                }
            }
            cmark_iter_free(iterator)
        }

        var ids = IdAllocator()
        let outline = headings.map { node -> Heading in
            let text = plainText(of: node)
            return Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: ids.allocate(for: text),
                           position: position(node))
        }

        for node in links {
            let url = string(cmark_node_get_url(node))
            let rewritten = hooks.link(url, position(node))
            if rewritten != url { cmark_node_set_url(node, rewritten) }
        }

        for node in texts {
            let literal = string(cmark_node_get_literal(node))
            guard literal.utf8.contains(UInt8(ascii: "{")) else { continue }
            let pieces = placeholderPieces(literal)
            guard pieces.contains(where: \.isPlaceholder) else { continue }
            let start = position(node)
            for piece in pieces {
                let new: OpaquePointer?
                if piece.isPlaceholder {
                    new = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                    let html = hooks.placeholder(piece.text.trimmingWhitespace,
                                                 Position(line: start.line, column: start.column + piece.offset))
                    if let new { cmark_node_set_on_enter(new, html) }
                } else {
                    new = cmark_node_new(CMARK_NODE_TEXT)
                    if let new { cmark_node_set_literal(new, piece.text) }
                }
                if let new { cmark_node_insert_before(node, new) }
            }
            cmark_node_free(node)
        }

        for node in codeBlocks {
            let info = string(cmark_node_get_fence_info(node)).trimmingWhitespace
            guard info == "chart" || info.hasPrefix("chart ") else { continue }
            let html = hooks.chart(String(info.dropFirst(5)).trimmingWhitespace, position(node))
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, html)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }

        guard let rendered = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            return Document(html: "", headings: outline)
        }
        var html = String(cString: rendered)
        free(rendered)
        html = addHeadingIds(html, outline)
        html = html.replacingAll("aria-label=\"Back to content\"", with: "aria-label=\"\(escapeHTML(footnoteBackLabel))\"")
        // cmark's footnotes section has no heading: give it one (for screen readers and the outline).
        html = html.replacingAll("<section class=\"footnotes\" data-footnotes>",
                                 with: "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">\(escapeHTML(footnotesTitle))</h2>")
        html = wrapTables(html)
        return Document(html: html, headings: outline)
    }

    /// A Markdown table goes in a box that scrolls sideways on a narrow screen (not the page) and
    /// takes keyboard focus so it can be scrolled without a mouse. Only cmark writes a bare
    /// `<table>`: the charts' tables of numbers (figure.mustache) have a class and their own box.
    private static func wrapTables(_ html: String) -> String {
        // Only the first `</table>` after each bare `<table>` gets the closing `</div>`: the
        // charts' tables (already in `html`) end with `</table>` too, inside their own box.
        let opens = html.utf8Offsets(of: "<table>"), closes = html.utf8Offsets(of: "</table>")
        let ends = Set(opens.compactMap { open in closes.firstIndex { $0 > open } })
        return html.replacingAll("<table>", with: "<div class=\"table-scroll\" tabindex=\"0\"><table>")
            .replacingAll("</table>") { ends.contains($0) ? "</table></div>" : "</table>" }
    }

    /// Splits a text into plain pieces and `{{…}}` expressions, with each piece's character
    /// offset in the text (for diagnostics).
    static func placeholderPieces(_ literal: String) -> [(isPlaceholder: Bool, text: String, offset: Int)] {
        let bytes = Array(literal.utf8)
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var pieces: [(isPlaceholder: Bool, text: String, offset: Int)] = []
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        /// Offsets are in characters (columns), counted only where a piece starts.
        func characterOffset(_ byte: Int) -> Int { text(0..<byte).count }
        var index = 0, start = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else { index += 1; continue }
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
            guard end + 1 < bytes.count else { break }
            if start < index { pieces.append((false, text(start..<index), characterOffset(start))) }
            pieces.append((true, text((index + 2)..<end), characterOffset(index)))
            index = end + 2
            start = index
        }
        if start < bytes.count { pieces.append((false, text(start..<bytes.count), characterOffset(start))) }
        return pieces
    }

    /// cmark writes `<h2>` without attributes, in document order: give the n-th its id.
    /// (Raw HTML is off, so every `<hN>` in the output is a heading of the document.)
    private static func addHeadingIds(_ html: String, _ headings: [Heading]) -> String {
        var html = html
        for level in Set(headings.map(\.level)).sorted() {
            let ofLevel = headings.filter { $0.level == level }
            html = html.replacingAll("<h\(level)>") { number in
                number < ofLevel.count ? "<h\(level) id=\"\(ofLevel[number].id)\">" : nil
            }
        }
        return html
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT {
                // `{{lang fr: texte}}` reads as its text in a heading's id and table of contents.
                for piece in placeholderPieces(string(cmark_node_get_literal(child))) {
                    if piece.isPlaceholder, piece.text.hasPrefix("lang "), let colon = piece.text.firstIndex(of: ":") {
                        text += String(piece.text[piece.text.index(after: colon)...]).trimmingWhitespace
                    } else {
                        text += piece.isPlaceholder ? "{{\(piece.text)}}" : piece.text
                    }
                }
            } else if type == CMARK_NODE_CODE {
                text += string(cmark_node_get_literal(child))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

/// Turns heading texts into readable, unique ids: "Vrijwilligers en taken" → `vrijwilligers-en-taken`,
/// "Financiën" → `financien`; a repeated heading gets `-2`, `-3`.
struct IdAllocator {
    private var used: Set<String> = []

    mutating func allocate(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base.isEmpty ? "section" : base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base.isEmpty ? "section" : base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}
