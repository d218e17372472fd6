import Foundation
import SVGCharts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Standalone pictures (Standalone.swift): the chart nested as drawn, the texts around it
/// escaped and wrapped, a valid SVG document of a fixed size.
@Suite struct StandaloneTests {
    static func parses(_ bytes: [UInt8]) -> Bool {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        return parser.parse()
    }

    @Test func theChartIsNestedAsDrawnWithItsTextsAround() throws {
        let chart = try Fixtures.challenges(.frBE).svgUTF8()
        let picture = try #require(
            StandaloneChart(
                title: "Défis <rencontrés> & \"cités\"", finding: "Trouver des volontaires est le défi le plus fréquent.",
                footer: ["Base : n=162", "Source : enquête 2023"], credit: "Fondation Roi Baudouin",
                logo: StandaloneLogo(href: "data:image/svg+xml;base64,PHN2Zy8+", width: 120, height: 40), lang: "fr-BE"
            ).svg(chart: chart))
        let text = String(decoding: picture.bytes, as: UTF8.self)
        #expect(Self.parses(picture.bytes))
        #expect(picture.width == 600)
        #expect(text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"600\" height=\"\(picture.height)\" viewBox=\"0 0 600 \(picture.height)\""))
        #expect(text.contains("<title>Défis &lt;rencontrés&gt; &amp; &quot;cités&quot;</title>"))
        #expect(text.contains("font-weight=\"bold\">Défis &lt;rencontrés&gt; &amp; &quot;cités&quot;</text>"))
        #expect(text.contains(">Source : enquête 2023</text>"))
        #expect(text.contains("xlink:href=\"data:image/svg+xml;base64,PHN2Zy8+\""))
        // The chart's body, byte for byte, inside a nested <svg> that keeps its viewBox.
        let chartText = String(decoding: chart, as: UTF8.self)
        let body = chartText[chartText.range(of: ">")!.upperBound...]
        #expect(text.contains(body))
        let viewBox = chartText[chartText.range(of: "viewBox=\"")!.upperBound...].prefix { $0 != "\"" }
        #expect(text.contains("<svg x=\"24\" y=\""))
        #expect(text.contains("viewBox=\"\(viewBox)\" font-family=\"Arial, 'Liberation Sans', Helvetica, sans-serif\">"))
        // Taller than the chart drawn 552 px wide, by the texts around it.
        let chartHeight = Double(viewBox.split(separator: " ")[3])! * 552 / 420
        #expect(Double(picture.height) > chartHeight + 100)
    }

    @Test func keyFiguresAreNotOnePicture() throws {
        let tiles = try Fixtures.keyFigures(.nlBE).svgUTF8()
        #expect(StandaloneChart(title: "Kerncijfers", lang: "nl-BE").svg(chart: tiles) == nil)
        #expect(StandaloneChart(title: "Kerncijfers", lang: "nl-BE").svg(chart: Array("<div>".utf8)) == nil)
    }

    @Test func aLongTitleWrapsAndTheSameInputGivesTheSameBytes() throws {
        let chart = try Fixtures.volunteerTasks(.nlBE).svgUTF8()
        let long = String(repeating: "Patiëntenverenigingen ", count: 12)
        let picture = StandaloneChart(title: long, lang: "nl-BE")
        let first = try #require(picture.svg(chart: chart))
        #expect(first == picture.svg(chart: chart))
        let lines = String(decoding: first.bytes, as: UTF8.self).components(separatedBy: "font-weight=\"bold\">").count - 1
        #expect(lines >= 4)
    }

    @Test func theTitleCardKeepsItsSize() {
        let card = TitleCard(
            title: "Patiëntenverenigingen in België 2023", subtitle: String(repeating: "Een lange beschrijving <met> & tekens. ", count: 20),
            credit: "Koning Boudewijnstichting", lang: "nl-BE"
        ).svg()
        #expect(card.width == 600 && card.height == 315)
        #expect(Self.parses(card.bytes))
        let text = String(decoding: card.bytes, as: UTF8.self)
        // At most four lines of the description, the last one cut with an ellipsis.
        #expect(text.components(separatedBy: "font-size=\"16\"").count - 1 == 4)
        #expect(text.contains(" …</text>"))
        #expect(text.contains("&lt;met&gt; &amp; tekens."))
    }
}
