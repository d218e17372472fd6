import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// An SVG of `Content/` is published as it is; opened on its own, a script in it runs on the
/// site (issue 24, item 11). Every way of putting one there is an error at its line and column.
@Suite struct SVGScriptTests {
    static let fix =
        "remove it: the file is published as it is, and opened on its own its script would run on the site; a study's images need none"

    @Test func aScriptInAPublishedSVGIsAnErrorAtItsPlace() throws {
        let site = try TestSite(
            TestSite.minimal.merging([
                "Content/nl/index.md": TestSite.page("Home", order: 0, "![Kaart](../files/map.svg)\n\n[De kaart](../files/map.svg)"),
                "Content/fr/index.md": TestSite.page("Accueil", order: 0, "[La carte](../files/map.svg)"),
            ]) { $1 })
        defer { site.cleanUp() }
        try site.write(
            "Content/files/map.svg",
            """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">
              <!-- <script>not a script: a comment</script> -->
              <text x="1" y="5">onion = 3 &lt;script&gt;</text>
              <svg:script>alert(2)</svg:script>
              <a href=" java&#x09;script:alert(3)"><rect width="1" height="1"/></a>
              <set attributeName="onclick" to="alert(4)"/>
            </svg>
            """)
        let before = site.read("nl/index.html")
        let result = site.build()
        #expect(
            site.messages(result) == [
                "Content/files/map.svg:1:61: error: script in an SVG file: event attribute onload= (\(Self.fix))",
                "Content/files/map.svg:4:3: error: script in an SVG file: <svg:script> element (\(Self.fix))",
                "Content/files/map.svg:5:6: error: script in an SVG file: javascript: URL in href= (\(Self.fix))",
                "Content/files/map.svg:6:8: error: script in an SVG file: animation setting the event attribute onclick (\(Self.fix))",
            ])
        #expect(site.read("nl/index.html") == before, "nothing published")
    }

    @Test func theLogoIsCheckedToo() throws {
        let site = try TestSite(
            TestSite.minimal.merging(["Content/site.yml": TestSite.siteYML + "\ntheme:\n  logo: files/logo.svg\n"]) { $1 })
        defer { site.cleanUp() }
        try site.write("Content/files/logo.svg", "<svg viewBox=\"0 0 10 10\">\r\n<script href=\"x.js\"/></svg>")
        #expect(
            site.messages(site.build()) == [
                "Content/files/logo.svg:2:1: error: script in an SVG file: <script> element (\(Self.fix))"
            ])
    }

    @Test func anSVGWithoutScriptIsPublished() throws {
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY x "<script>"> ]>
            <svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" role="img">
              <style><![CDATA[ .on { fill: red } ]]></style>
              <text class="on" data-note="javascript is not needed">Donations: 30%</text>
              <a href="https://example.org/"><rect width="1" height="1" opacity="0.5"/></a>
            </svg>
            """
        #expect(SVGScripts.find(in: text) == [])
        let site = try TestSite(
            TestSite.minimal.merging(["Content/nl/index.md": TestSite.page("Home", order: 0, "![Kaart](../files/map.svg)")]) { $1 })
        defer { site.cleanUp() }
        try site.write("Content/files/map.svg", text)
        #expect(site.messages(site.build()) == [])
        #expect(site.read("files/files/map.svg") == text)
    }
}
