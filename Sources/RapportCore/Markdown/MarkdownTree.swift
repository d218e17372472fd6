import CCMarkGFM
import Foundation

/// The one file that calls the C library cmark-gfm (its public API only): a parsed document
/// and handles on its nodes. Everything else, Markdown*.swift included, works on these.
///
/// Markdown is parsed with the GFM extensions (table, strikethrough, autolink, tagfilter),
/// footnotes and smart punctuation; raw HTML stays off (cmark's safe default: it is written as
/// a comment). What cmark cannot write itself goes in as custom nodes, whose HTML cmark copies
/// as it is: `MarkdownNode.customBlock` and `.customInline`.
final class MarkdownTree {
    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART
    /// cmark-gfm's extension registry is global: filled once, before any thread parses.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()
    /// So is its table of the characters that start an extension's inlines (`~`, `w`, `:`): each
    /// parse turns them on, parses its inlines (a table's cells as its rows are read), and turns
    /// them off, also for a parse running at the same time. Parses take turns.
    private static let parsing = NSLock()

    private let parser: OpaquePointer
    let root: MarkdownNode
    /// Nodes taken out of the tree (`detach`), freed with it.
    private var detached: [OpaquePointer] = []

    init?(_ utf8: [UInt8]) {
        _ = Self.registered
        guard let parser = cmark_parser_new(Self.options) else { return nil }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        let parsed: OpaquePointer? = Self.parsing.withLock {
            utf8.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let root = parsed else {
            cmark_parser_free(parser)
            return nil
        }
        cmark_consolidate_text_nodes(root)
        self.parser = parser
        self.root = MarkdownNode(pointer: root)
    }

    deinit {
        cmark_node_free(root.pointer)
        for node in detached { cmark_node_free(node) }
        cmark_parser_free(parser)
    }

    /// `node` and what it holds as cmark's HTML (UTF-8).
    func html(_ node: MarkdownNode) -> [UInt8] {
        guard let rendered = cmark_render_html(node.pointer, Self.options, cmark_parser_get_syntax_extensions(parser)) else { return [] }
        defer { free(rendered) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered)))
    }

    /// A new document that `nodes` are moved into (out of this tree, rendered apart; freed with
    /// the tree). Footnote references keep pointing at their definitions.
    func detach(_ nodes: [MarkdownNode]) -> MarkdownNode? {
        guard let document = cmark_node_new(CMARK_NODE_DOCUMENT) else { return nil }
        detached.append(document)
        for node in nodes { cmark_node_append_child(document, node.pointer) }
        return MarkdownNode(pointer: document)
    }
}

/// A node of a `MarkdownTree`, valid while the tree lives and the node is in it.
struct MarkdownNode: Hashable {
    fileprivate let pointer: OpaquePointer

    enum Kind {
        case heading, codeBlock, table, footnoteDefinition, customBlock, other
        case text, code, htmlInline, softBreak, lineBreak, emphasis, strong, strikethrough, link, image, customInline
    }

    var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        default:
            // Extension nodes have types of their own, known by name.
            guard let name = cmark_node_get_type_string(pointer) else { return .other }
            if strcmp(name, "table") == 0 { return .table }
            return strcmp(name, "strikethrough") == 0 ? .strikethrough : .other
        }
    }

    /// cmark's name of the node's type (`paragraph`, `table_cell` …).
    var typeName: String { Self.string(cmark_node_get_type_string(pointer)) }

    // MARK: Contents

    /// The text of a text, code or HTML node, as cmark's own bytes (no copy).
    func withLiteral<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard let literal = cmark_node_get_literal(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
    }

    var literal: String { Self.string(cmark_node_get_literal(pointer)) }

    func setLiteral(_ utf8: [UInt8]) { Self.withCString(utf8[...]) { _ = cmark_node_set_literal(pointer, $0) } }

    func setLiteral(_ text: String) { setLiteral(Array(text.utf8)) }

    /// A link's or image's destination.
    var url: String {
        get { Self.string(cmark_node_get_url(pointer)) }
        nonmutating set { _ = cmark_node_set_url(pointer, newValue) }
    }

    var title: String { Self.string(cmark_node_get_title(pointer)) }
    var fenceInfo: String { Self.string(cmark_node_get_fence_info(pointer)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// Where the node starts and ends in the Markdown (1-based line; column in bytes, as cmark counts).
    var start: (line: Int, column: Int) { (Int(cmark_node_get_start_line(pointer)), Int(cmark_node_get_start_column(pointer))) }
    var end: (line: Int, column: Int) { (Int(cmark_node_get_end_line(pointer)), Int(cmark_node_get_end_column(pointer))) }

    // MARK: Neighbours

    var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    var previous: MarkdownNode? { cmark_node_previous(pointer).map(MarkdownNode.init) }
    var children: [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            nodes.append(MarkdownNode(pointer: node))
            child = cmark_node_next(node)
        }
        return nodes
    }

    /// Visits the node and everything in it in document order, entering and leaving each
    /// container. The tree must not change during the walk: collect, then edit.
    func walk(_ visit: (_ node: MarkdownNode, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER || event == CMARK_EVENT_EXIT, let node = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(pointer: node), event == CMARK_EVENT_ENTER)
        }
    }

    // MARK: Edits

    /// A block whose HTML is `enter`, what it holds, `exit` (cmark puts each on a line of its
    /// own). It may hold blocks or inlines.
    static func customBlock(enter: ArraySlice<UInt8> = [], exit: ArraySlice<UInt8> = []) -> MarkdownNode? {
        custom(CMARK_NODE_CUSTOM_BLOCK, enter, exit)
    }

    /// Inline HTML written as it is, where text may stand (not in a table cell).
    static func customInline(_ html: String) -> MarkdownNode? { custom(CMARK_NODE_CUSTOM_INLINE, Array(html.utf8)[...], []) }

    static func text(_ utf8: [UInt8]) -> MarkdownNode? {
        guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        let text = MarkdownNode(pointer: node)
        text.setLiteral(utf8)
        return text
    }

    private static func custom(_ type: cmark_node_type, _ enter: ArraySlice<UInt8>, _ exit: ArraySlice<UInt8>) -> MarkdownNode? {
        guard let node = cmark_node_new(type) else { return nil }
        withCString(enter) { _ = cmark_node_set_on_enter(node, $0) }
        if !exit.isEmpty { withCString(exit) { _ = cmark_node_set_on_exit(node, $0) } }
        return MarkdownNode(pointer: node)
    }

    /// Puts `node` (new, or taken from where it was) last in this one.
    func append(_ node: MarkdownNode) { cmark_node_append_child(pointer, node.pointer) }

    /// Puts `node` (new) in this one's place, and frees this one and what is left in it.
    func replace(with node: MarkdownNode) {
        if cmark_node_replace(pointer, node.pointer) == 0 {
            cmark_node_free(node.pointer)
            return
        }
        cmark_node_free(pointer)
    }

    /// Takes the node out of the tree and frees it.
    func remove() { cmark_node_free(pointer) }

    // MARK: C strings

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

    /// `utf8` as a C string; a NUL in it (which would end the string) becomes U+FFFD, as cmark
    /// does with the Markdown's own.
    private static func withCString(_ utf8: ArraySlice<UInt8>, _ body: (UnsafePointer<CChar>) -> Void) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 1)
        if utf8.contains(0) {
            for byte in utf8 { if byte == 0 { bytes += [0xEF, 0xBF, 0xBD] } else { bytes.append(byte) } }
        } else {
            bytes += utf8
        }
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}
