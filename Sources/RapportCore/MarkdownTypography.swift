import CCMarkGFM
import Foundation

extension Markdown {
    /// Passes every text node of the tree through `transform` (Typography, from `Hooks.text`),
    /// which returns nil for a text it leaves as it is.
    /// Code, code blocks, link URLs and the HTML of placeholders and figures are other node types
    /// and never seen. `afterInline` tells the transform that the text continues inline content
    /// (emphasis, code, a placeholder's value) without a line break between them.
    static func rewriteText(_ root: OpaquePointer, _ transform: (_ text: String, _ afterInline: Bool) -> String?) {
        var texts: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_TEXT
                {
                    texts.append(node)
                }
            }
            cmark_iter_free(iterator)
        }
        for node in texts {
            guard let raw = cmark_node_get_literal(node) else { continue }
            let length = strlen(raw)
            let bytes = UnsafeRawPointer(raw).bindMemory(to: UInt8.self, capacity: length)
            guard Typography.needsWork(UnsafeBufferPointer(start: bytes, count: length)) else { continue }
            let literal = String(cString: raw)
            if let rewritten = transform(literal, followsInline(node)) { cmark_node_set_literal(node, rewritten) }
        }
    }

    /// Whether inline content stands right before `node` in its paragraph (looking out of
    /// emphasis and links when `node` is their first child).
    private static func followsInline(_ node: OpaquePointer) -> Bool {
        var current = node
        while true {
            if let previous = cmark_node_previous(current) {
                let type = cmark_node_get_type(previous)
                return type != CMARK_NODE_SOFTBREAK && type != CMARK_NODE_LINEBREAK
            }
            guard let parent = cmark_node_parent(current) else { return false }
            let type = cmark_node_get_type(parent)
            guard
                type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK
                    || type == CMARK_NODE_IMAGE
            else { return false }
            current = parent
        }
    }
}
