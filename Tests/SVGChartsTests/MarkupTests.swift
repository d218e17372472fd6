import SVGCharts
import Testing

/// The one escaper, shared by the charts, the pages and the preview server.
@Suite struct MarkupTests {
    @Test func escapesTheFiveCharactersAndDropsWhatXMLForbids() {
        #expect(Markup.escaped(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(Markup.escaped("a\tb\nc\r\u{1}d\u{FFFE}e\u{FFFF}") == "a b c de")
        #expect(Markup.escaped("Één 😀 \u{FEFF}עברית") == "Één 😀 \u{FEFF}עברית")
        var bytes: [UInt8] = Array("x".utf8)
        Markup.appendEscaped("<y>"[...], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x&lt;y&gt;")
    }
}
