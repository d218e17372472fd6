import Testing

@testable import RapportCore

/// The byte scanners behind the search index and the whole report (they replaced regular
/// expressions and one pass per replacement, which took most of a build at 200 pages).
@Suite struct ReaderPagesScanTests {
    @Test(arguments: [
        // Inline tags leave no trace, block tags a space; white space collapses, also no-break spaces.
        ("<p>Een <em>sterke</em> vereniging</p>\n<p>Tweede\u{A0} alinea</p>", "Een sterke vereniging Tweede alinea"),
        // Footnote marks and back-links and SVG are not text.
        (##"<p>Tekst<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup> verder</p>"##, "Tekst verder"),
        (##"<li>Noot <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Terug">↩</a></li>"##, "Noot"),
        ("<p>voor</p><svg><text>42%</text></svg><p>na</p>", "voor na"),
        // Entities decoded; unknown or invalid ones kept as written.
        ("<p>A &amp; B &lt;c&gt; &#233;&#xE9; &quot;q&quot; &apos;</p>", "A & B <c> éé \"q\" '"),
        ("<p>&unknown; &#1a; &#X41; & alone</p>", "&unknown; &#1a; &#X41; & alone"),
        // cmark writes a `<` of the text as an entity: it comes back, and starts no tag.
        ("<p>a &lt; b &lt;em&gt;</p>", "a < b <em>"),
        ("", ""),
    ])
    func plainText(html: String, text: String) {
        #expect(SearchIndex.plainText(html) == text)
    }

    @Test func jsonStringsAreEscapedForAScriptAndForJSON() {
        #expect(SearchIndex.quoted("a\"b\\c<d\ne\u{1}f\u{2028}g\u{2029}é") == #""a\"b\\c\u003cd\ne\u0001f\u2028g\u2029é""#)
    }

    @Test func embeddingMovesHeadingsDownOpensTablesAndPrefixesIds() {
        let html =
            ##"<h2 id="a">A</h2><h5>x</h5><h6>y</h6><details class="chart-data"><p aria-labelledby="a b"><a href="#a">#</a><a href="../../nl/b/index.html#c">c</a><a href="../../nl/z/index.html">z</a></p><rect fill="url(#g)"/>"##
        let out = String(
            decoding: ReportHTML.embed(Array(html.utf8), prefix: "s", chapterURLs: ["../../nl/b/index.html": "b"]), as: UTF8.self)
        #expect(
            out
                == ##"<h3 id="s--a">A</h3><h6>x</h6><h6>y</h6><details class="chart-data" open><p aria-labelledby="s--a s--b"><a href="#s--a">#</a><a href="#b--c">c</a><a href="../../nl/z/index.html">z</a></p><rect fill="url(#s--g)"/>"##
        )
    }

    /// The report is put together from its skeleton and the chapters' bodies; its fingerprint is
    /// that of the whole page followed by the stylesheets.
    @Test func theReportIsAssembledFromItsSkeletonAndBodies() {
        let skeleton = Array("<article>\(ReportAssembly.bodyStandIn(0))|\(ReportAssembly.bodyStandIn(1))</article>".utf8)
        let assembly = ReportAssembly(bodies: [Array("<p>één</p>".utf8), Array("<p>twee</p>".utf8)])
        let page = "<article><p>één</p>|<p>twee</p></article>"
        #expect(String(decoding: assembly.document(skeleton), as: UTF8.self) == page)
        var expected = FNV1a()
        expected.add(Array((page + "style.css{}").utf8))
        #expect(assembly.fingerprint(skeleton, extra: [Array("style.css{}".utf8)]) == expected.hex)
        #expect(expected.hex.count == 16)
    }
}
