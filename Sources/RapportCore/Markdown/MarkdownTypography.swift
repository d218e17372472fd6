import Foundation

extension Markdown {
    /// Passes every text node of the tree through `transform` (Typography, from `Hooks.text`),
    /// which returns nil for a text it leaves as it is.
    /// Code, code blocks, link URLs and the HTML of placeholders and figures are other node types
    /// and never seen. `afterInline` tells the transform that the text continues inline content
    /// (emphasis, code, a placeholder's value) without a line break between them.
    static func rewriteText(root: MarkdownNode, _ transform: (_ text: String, _ afterInline: Bool) -> String?) {
        var texts: [MarkdownNode] = []
        root.walk { node, entering in
            if entering, node.kind == .text { texts.append(node) }
        }
        for node in texts {
            guard let literal = node.withLiteral({ Typography.needsWork($0) ? String(decoding: $0, as: UTF8.self) : nil }) else { continue }
            if let rewritten = transform(literal, followsInline(node)) { node.setLiteral(rewritten) }
        }
    }

    /// Whether inline content stands right before `node` in its paragraph (looking out of
    /// emphasis and links when `node` is their first child).
    private static func followsInline(_ node: MarkdownNode) -> Bool {
        var current = node
        while true {
            if let previous = current.previous {
                let kind = previous.kind
                return kind != .softBreak && kind != .lineBreak
            }
            guard let parent = current.parent else { return false }
            switch parent.kind {
            case .emphasis, .strong, .link, .image: current = parent
            default: return false
            }
        }
    }
}
