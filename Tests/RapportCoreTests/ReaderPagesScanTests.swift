import Testing

@testable import RapportCore

/// The byte passes behind the search index and the whole report (they replaced regular
/// expressions and one pass per replacement, which took most of a build at 200 pages).
@Suite struct ReaderPagesScanTests {
    /// White space as `Character.isWhitespace` sees it, collapsed on bytes (no-break and thin
    /// spaces too), none at either end.
    @Test func whiteSpaceCollapsesOnBytes() {
        let text = "  Een\u{A0}\u{202F}sterke\t\n vereniging\u{2009}é\u{3000} "
        #expect(String(decoding: WhiteSpace.collapsed(Array(text.utf8)), as: UTF8.self) == "Een sterke vereniging é")
        #expect(
            String(decoding: WhiteSpace.collapsed(Array(text.utf8)), as: UTF8.self)
                == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        #expect(WhiteSpace.collapsed([]) == [])
    }

    @Test func jsonStringsAreEscapedForAScriptAndForJSON() {
        var json: [UInt8] = []
        SearchIndex.appendQuoted("a\"b\\c<d\ne\u{1}f\u{2028}g\u{2029}é", to: &json)
        #expect(String(decoding: json, as: UTF8.self) == #""a\"b\\c\u003cd\ne\u0001f\u2028g\u2029é""#)
    }

    /// The run-copying escape and collapse against their plain definitions, on random text
    /// drawn from the characters that matter (quotes, controls, `<`, line separators, every
    /// white space, other E2 sequences such as "…" and "’").
    @Test func runCopyingAgreesWithThePlainDefinitions() {
        let pieces = [
            "a", "é", "\"", "\\", "<", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "…", "’", "\u{202F}", "\u{A0}", "\u{85}",
            "\u{1680}", "\u{3000}", "\u{3001}", " ", "\t", "\r", "\u{E2}", "🙂", "x y",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var json: [UInt8] = []
            SearchIndex.appendQuoted(text, to: &json)
            var expected = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": expected += "\\\""
                case "\\": expected += "\\\\"
                case "<": expected += "\\u003c"
                case "\n": expected += "\\n"
                case "\u{2028}": expected += "\\u2028"
                case "\u{2029}": expected += "\\u2029"
                case _ where scalar.value < 0x20: expected += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                default: expected.unicodeScalars.append(scalar)
                }
            }
            expected += "\""
            #expect(String(decoding: json, as: UTF8.self) == expected, "\(text.debugDescription)")
            #expect(
                String(decoding: WhiteSpace.collapsed(Array(text.utf8)), as: UTF8.self)
                    == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), "\(text.debugDescription)")
        }
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
        #expect(String(decoding: assembly.contents(skeleton).bytes, as: UTF8.self) == page)
        var expected = FNV1a()
        expected.add(Array((page + "style.css{}").utf8))
        #expect(assembly.fingerprint(skeleton, extra: [Array("style.css{}".utf8)]) == expected.hex)
        #expect(expected.hex.count == 16)
    }
}
