import SVGCharts

/// Escapes text for HTML and XML element content and attribute values (`Markup.escaped`, the
/// one escaper, shared with the charts and the preview server).
package func escapeHTML(_ text: String) -> String { Markup.escaped(text) }

/// `escapeHTML`, appending straight to the output.
@inline(__always)
func appendEscaped(_ text: String, to output: inout [UInt8]) { Markup.appendEscaped(text, to: &output) }
