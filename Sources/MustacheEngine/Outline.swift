extension MustacheTemplate {
    /// The template's tags as they nest: a section's (or inverted section's) tags are its
    /// children. What a check of the names a template uses needs, without rendering it.
    public var outline: [OutlineTag] { Self.outline(nodes) }

    /// A tag of the outline (`tag`), with the tags between `{{#name}}` and `{{/name}}` when it
    /// opens a section.
    public struct OutlineTag: Sendable {
        public var tag: Tag
        public var children: [OutlineTag]
    }

    static func outline(_ nodes: [Node]) -> [OutlineTag] {
        nodes.compactMap { node in
            switch node {
            case .text:
                return nil
            case let .variable(name, escaped, offset):
                return OutlineTag(tag: Tag(kind: escaped ? .variable : .unescaped, name: name.text, offset: offset), children: [])
            case let .section(name, children, inverted, offset):
                return OutlineTag(
                    tag: Tag(kind: inverted ? .inverted : .section, name: name.text, offset: offset), children: outline(children))
            case let .partial(name, _, offset):
                return OutlineTag(tag: Tag(kind: .partial, name: name, offset: offset), children: [])
            }
        }
    }
}
