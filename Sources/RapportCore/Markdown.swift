import CCMarkGFM
import Foundation
import SurveyData

/// The one file that talks to the C library cmark-gfm. Everything else sees Swift values.
///
/// Markdown is parsed with the GFM extensions (table, strikethrough, autolink, tagfilter) and
/// footnotes; raw HTML stays off (cmark's safe default: it is replaced by a comment). While the
/// tree is walked, three hooks let the caller rewrite it:
/// - a fenced block with info string `chart <id>` becomes the HTML the `chart` hook returns;
/// - `{{…}}` in text becomes the (already escaped) HTML the `placeholder` hook returns, in any
///   context text can stand in (MarkdownPlaceholders.swift; its plain text in alt text and
///   heading ids);
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
        /// The figure's HTML (UTF-8).
        var chart: (_ info: String, _ at: Position) -> [UInt8]
        var placeholder: (_ expression: String, _ at: Position) -> Placeholders.Value
        var link: (_ url: String, _ at: Position) -> String
        /// Every image (instead of `link`): its URL, its alt text as plain text; returns the URL
        /// to write, the image's size (written as `width` and `height`) and whether it is
        /// decorative (its alt text is then written empty). Nil: images go to `link`.
        var image: ((_ url: String, _ alt: String, _ at: Position) -> Image)? = nil
        /// A mistake in the Markdown itself (a `{{` cut off by Markdown or HTML).
        var error: (_ message: String, _ fix: String, _ at: Position) -> Void
        /// Every text node after placeholders are replaced (typography; `rewriteText`); nil: unchanged.
        var text: ((_ text: String, _ afterInline: Bool) -> String?)? = nil
    }

    struct Image {
        var url: String
        var size: ImageSize?
        var decorative = false
    }

    struct Document {
        /// UTF-8.
        var html: [UInt8]
        var headings: [Heading]
    }

    /// Renders `utf8` (Markdown). `lineOffset` is added to every reported line (the lines of front matter
    /// that were cut off before the Markdown body).
    /// cmark-gfm's extension registry is global: fill it once, before any thread parses.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    static func render(
        _ utf8: [UInt8], lineOffset: Int, footnoteBackLabel: String, footnotesTitle: String,
        ids: IdAllocator = IdAllocator(), hooks: Hooks
    ) -> Document {
        _ = registered
        let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART
        guard let parser = cmark_parser_new(options) else { return Document(html: [], headings: []) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        // U+FDD0… in the page would pass for placeholder markers: they become U+FFFD.
        let utf8 = Placeholders.neutralized(utf8) ?? utf8
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return Document(html: [], headings: []) }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)

        func position(_ node: OpaquePointer) -> Position {
            Position(
                line: Int(cmark_node_get_start_line(node)) + lineOffset,
                column: max(1, Int(cmark_node_get_start_column(node))))
        }

        // Collect first, then rewrite: the iterator must not see nodes change under it.
        var headings: [OpaquePointer] = []
        var codeBlocks: [OpaquePointer] = []
        var texts: [(node: OpaquePointer, inImage: Bool)] = []
        var links: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            var imageDepth = 0
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if event == CMARK_EVENT_EXIT {
                    if type == CMARK_NODE_IMAGE { imageDepth -= 1 }
                    continue
                }
                guard event == CMARK_EVENT_ENTER else { continue }
                switch type {
                case CMARK_NODE_HEADING: headings.append(node)
                case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
                case CMARK_NODE_TEXT: texts.append((node, imageDepth > 0))
                case CMARK_NODE_LINK: links.append(node)
                case CMARK_NODE_IMAGE: links.append(node); imageDepth += 1
                default: break
                }
            }
            cmark_iter_free(iterator)
        }

        // Placeholders first: headings read their values.
        var columns = SourceColumns(utf8)
        var placeholders = PlaceholderValues()
        for (node, inImage) in texts {
            rewritePlaceholders(
                in: node, inImage: inImage, lineOffset: lineOffset, columns: &columns,
                values: &placeholders, hooks: hooks)
        }

        var ids = ids
        let outline = headings.map { node -> Heading in
            let text = plainText(of: node, placeholders: placeholders.texts)
            return Heading(
                level: Int(cmark_node_get_heading_level(node)), text: text, id: ids.allocate(for: text),
                position: position(node))
        }

        var sizes: [String: ImageSize] = [:]
        for node in links {
            let url = string(cmark_node_get_url(node))
            if let image = hooks.image, cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                let result = image(url, plainText(of: node, placeholders: placeholders.texts), position(node))
                if result.url != url { cmark_node_set_url(node, result.url) }
                if let size = result.size { sizes[escapeHTML(result.url)] = size }
                if result.decorative {
                    while let child = cmark_node_first_child(node) { cmark_node_free(child) }
                }
                continue
            }
            let rewritten = hooks.link(url, position(node))
            if rewritten != url { cmark_node_set_url(node, rewritten) }
        }

        if let transform = hooks.text { rewriteText(root, transform) }

        // Figures are long (SVG, table of numbers): cmark gets a short marker for each and the
        // figure goes in only in the final pass, so neither cmark nor the pass copies it twice.
        var figures: [[UInt8]] = []
        for node in codeBlocks {
            let info = string(cmark_node_get_fence_info(node)).trimmingWhitespace
            guard info == "chart" || info.hasPrefix("chart ") else { continue }
            let html = hooks.chart(String(info.dropFirst(5)).trimmingWhitespace, position(node))
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            cmark_node_set_on_enter(block, "\(figureMarker)\(figures.count)-->")
            figures.append(html)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }

        guard let rendered = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            return Document(html: [], headings: outline)
        }
        defer { free(rendered) }
        let cmarkHTML = UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))
        func finished(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            finish(
                html, headings: outline, figures: figures, imageSizes: sizes, footnoteBackLabel: footnoteBackLabel,
                footnotesTitle: footnotesTitle)
        }
        // The placeholders' values go in before the figures: a figure's text is never taken for a marker.
        let html =
            placeholders.html.isEmpty
            ? finished(cmarkHTML)
            : Placeholders.substitute(cmarkHTML, values: placeholders.html).withUnsafeBufferPointer(finished)
        return Document(html: html, headings: outline)
    }

    /// Stands for the n-th figure in cmark's output (`<!--rapport-figure:n-->`). Raw HTML is
    /// off, so no comment in that output comes from the Markdown text.
    private static let figureMarker = "<!--rapport-figure:"

    /// One pass over cmark's HTML that adds what cmark cannot:
    /// - heading ids (cmark writes `<h2>` without attributes, in document order: the n-th
    ///   `<h2>` is the n-th level-2 heading);
    /// - a box around each Markdown table that scrolls sideways on a narrow screen (not the page)
    ///   and takes keyboard focus so it can be scrolled without a mouse;
    /// - a heading for the footnotes section (for screen readers and the outline), and the
    ///   footnote back-links' label in the page's language;
    /// - the figures, in place of their markers;
    /// - images' `width` and `height`, after their `src`.
    private static func finish(
        _ html: UnsafeBufferPointer<UInt8>, headings: [Heading], figures: [[UInt8]],
        imageSizes: [String: ImageSize] = [:],
        footnoteBackLabel: String, footnotesTitle: String
    ) -> [UInt8] {
        var byLevel: [[Heading]] = Array(repeating: [], count: 7)
        for heading in headings where (1...6).contains(heading.level) { byLevel[heading.level].append(heading) }
        var used = [Int](repeating: 0, count: 7)
        var output: [UInt8] = []
        output.reserveCapacity(html.count + figures.reduce(0) { $0 + $1.count } + 64 * headings.count + 256)
        func starts(_ prefix: StaticString, at index: Int) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= html.count else { return false }
            return memcmp(html.baseAddress! + index, prefix.utf8Start, count) == 0
        }
        func append(_ text: StaticString) {
            output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        let backLabel = Array(escapeHTML(footnoteBackLabel).utf8)
        var copied = 0
        var index = 0
        while index < html.count,
            let found = memchr(html.baseAddress! + index, Int32(UInt8(ascii: "<")), html.count - index)
        {
            let at = html.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            index = at + 1
            var replacement: [UInt8]?
            var skip = 0
            if at + 3 < html.count, html[at + 1] == UInt8(ascii: "h"), html[at + 3] == UInt8(ascii: ">"),
                (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(html[at + 2])
            {
                let level = Int(html[at + 2] - UInt8(ascii: "0"))
                if used[level] < byLevel[level].count {
                    replacement = Array("<h\(level) id=\"\(byLevel[level][used[level]].id)\">".utf8)
                    skip = 4
                }
                used[level] += 1
            } else if starts("<table>", at: at) {
                replacement = Array("<div class=\"table-scroll\" tabindex=\"0\"><table>".utf8)
                skip = 7
            } else if starts("</table>", at: at) {
                replacement = Array("</table></div>".utf8)
                skip = 8
            } else if starts("<section class=\"footnotes\" data-footnotes>", at: at) {
                replacement = Array(
                    "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">\(escapeHTML(footnotesTitle))</h2>".utf8)
                skip = 42
            } else if starts("<!--rapport-figure:", at: at) {
                var end = at + 19, number = 0
                while end < html.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(html[end]) {
                    number = number * 10 + Int(html[end] - UInt8(ascii: "0"))
                    end += 1
                }
                if number < figures.count, starts("-->", at: end) {
                    replacement = figures[number]
                    skip = end + 3 - at
                    // cmark ends the block with a line break; the figure has its own.
                    if replacement?.last == UInt8(ascii: "\n"), starts("\n", at: end + 3) { skip += 1 }
                }
            } else if !imageSizes.isEmpty, starts("<img src=\"", at: at) {
                var end = at + 10
                while end < html.count, html[end] != UInt8(ascii: "\"") { end += 1 }
                let src = String(decoding: UnsafeBufferPointer(rebasing: html[(at + 10)..<end]), as: UTF8.self)
                if end < html.count, let size = imageSizes[src] {
                    replacement = Array(html[at...end]) + Array(" width=\"\(size.width)\" height=\"\(size.height)\"".utf8)
                    skip = end + 1 - at
                }
            } else if starts("<a href=\"#fnref", at: at) {
                // The back-link: `… aria-label="Back to content">↩</a>` in cmark-gfm's English.
                var end = at
                while end < html.count, html[end] != UInt8(ascii: ">") { end += 1 }
                let label: StaticString = "aria-label=\"Back to content\""
                var position = at
                while position + label.utf8CodeUnitCount <= end, !starts(label, at: position) { position += 1 }
                if position + label.utf8CodeUnitCount <= end {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<position]))
                    append("aria-label=\"")
                    output.append(contentsOf: backLabel)
                    append("\"")
                    copied = position + label.utf8CodeUnitCount
                    index = copied
                }
                continue
            }
            guard let replacement else { continue }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<at]))
            output.append(contentsOf: replacement)
            copied = at + skip
            index = copied
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied...]))
        return output
    }

    private static func plainText(of node: OpaquePointer, placeholders: [[UInt8]]) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT {
                // A placeholder reads as its plain text in a heading's id and table of contents.
                guard let literal = cmark_node_get_literal(child) else { continue }
                let bytes = UnsafeBufferPointer(
                    start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                text +=
                    placeholders.isEmpty
                    ? String(decoding: bytes, as: UTF8.self)
                    : String(decoding: Placeholders.substitute(bytes, values: placeholders), as: UTF8.self)
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
