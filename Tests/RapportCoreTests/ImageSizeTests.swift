import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// Image sizes from hostile files (issue 24, finding 1): a size that is no number, not finite,
/// not above 0 or too large is one error at its place in the image file, never a crash.
@Suite struct ImageSizeTests {
    static let fix =
        "give the <svg> element its size in pixels, e.g. width=\"640\" height=\"480\", or remove width and height to size it by its viewBox"
    static let viewBoxFix = "write it as four numbers, min-x min-y width height, e.g. viewBox=\"0 0 640 480\""

    @Test(arguments: [
        ("<svg width=\"1e30\" height=\"10\">", "1:13: error: image width \"1e30\" is out of range (1 to 100000 pixels)", fix),
        ("<svg width=\"nan\" height=\"10\">", "1:13: error: image width \"nan\" is not a length", fix),
        ("<svg width=\"10\" height=\"-1e300\">", "1:25: error: image height \"-1e300\" is out of range (1 to 100000 pixels)", fix),
        ("<svg width=\"9.3e18px\" height=\"1\">", "1:13: error: image width \"9.3e18px\" is out of range (1 to 100000 pixels)", fix),
        ("<svg width=\"inf\" height=\"10\" viewBox=\"0 0 4 3\">", "1:13: error: image width \"inf\" is not a length", fix),
        (
            "<svg viewBox=\"0 0 1e400 10\">",
            "1:15: error: viewBox \"0 0 1e400 10\" has a width or height that is not a finite number above 0", viewBoxFix
        ),
        (
            "<svg viewBox=\"0 0 -4 3\">", "1:15: error: viewBox \"0 0 -4 3\" has a width or height that is not a finite number above 0",
            viewBoxFix
        ),
        ("<svg viewBox=\"0 0 nan 3\">", "1:15: error: viewBox \"0 0 nan 3\" is not four numbers", viewBoxFix),
        (
            "<?xml version=\"1.0\"?>\r\n<svg aria-label=\"Grafiek één\" width=\"1e30\" height=\"10\">",
            "2:38: error: image width \"1e30\" is out of range (1 to 100000 pixels)", fix
        ),
        // Columns count UTF-16 code units, as editors do: the emoji is two.
        ("<svg aria-label=\"💶\" width=\"1e30\" height=\"10\">", "1:29: error: image width \"1e30\" is out of range (1 to 100000 pixels)", fix),
    ])
    func aSizeThatIsNoImageSizeIsOneErrorInTheImage(_ svg: String, _ expected: String, _ fix: String) throws {
        let site = try TestSite([
            "Content/nl/index.md": TestSite.page("Home", order: 0, "![Kaart](img/kaart.svg)"),
            "Content/fr/index.md": TestSite.page("Accueil", order: 0, "Texte."),
        ])
        defer { site.cleanUp() }
        try site.write("Content/nl/img/kaart.svg", "<svg viewBox=\"0 0 4 3\"/>")
        #expect(site.build().succeeded)
        let before = try #require(site.read("nl/index.html"))
        try site.write("Content/nl/img/kaart.svg", svg)
        for write in [true, false] {
            let result = site.build(write: write)
            #expect(!result.succeeded)
            #expect(site.messages(result) == ["Content/nl/img/kaart.svg:\(expected) (\(fix))"])
        }
        #expect(site.read("nl/index.html") == before, "the site built before is kept")
    }

    @Test func theThemeLogoIsCheckedTheSameWay() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write("Content/site.yml", TestSite.siteYML + "\ntheme: {logo: files/logo.svg}\n")
        try site.write("Content/files/logo.svg", "<svg width=\"64\" height=\"9.3e18\"/>")
        let result = site.build()
        #expect(
            site.messages(result) == [
                "Content/files/logo.svg:1:25: error: image height \"9.3e18\" is out of range (1 to 100000 pixels) (\(Self.fix))"
            ])
    }

    @Test func aRasterImageTooLargeIsAnErrorAtTheImage() throws {
        let site = try TestSite([
            "Content/nl/index.md": TestSite.page("Home", order: 0, "![Foto](img/foto.png)"),
            "Content/fr/index.md": TestSite.page("Accueil", order: 0, "Texte."),
        ])
        defer { site.cleanUp() }
        try site.write("Content/nl/img/foto.png", ContentFilesTests.png(200_000, 10))
        #expect(
            site.messages(site.build()) == [
                "Content/nl/index.md:5:1: error: image \"img/foto.png\" is 200000 × 10 pixels, more than 100000 on a side (export it smaller)"
            ])
    }

    @Test func sizesInOtherUnitsOrAHugeViewBoxStillGiveASize() throws {
        func size(_ svg: String) throws -> ImageSize? { try ImageSize.read(Array(svg.utf8)) }
        #expect(try size("<svg width=\"100%\" height=\"10cm\" viewBox=\"0 0 40 30\">") == ImageSize(width: 40, height: 30))
        #expect(try size("<svg width=\"640\" height=\"480.2px\">") == ImageSize(width: 640, height: 481))
        #expect(try size("<svg width=\"+1.5E2\" height=\".5\">") == ImageSize(width: 150, height: 1))
        #expect(try size("<svg viewBox=\"0,0,1e30,5e29\">") == ImageSize(width: 100_000, height: 50_000), "scaled, the ratio kept")
        #expect(try size("<svg viewBox=\"0 0 1e300 1\">") == ImageSize(width: 100_000, height: 1))
        #expect(try size("<svg width=\"100%\">") == nil, "no size: the caller's error says how to give one")
    }
}
