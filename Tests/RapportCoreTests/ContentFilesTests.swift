import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// Images and files in chapters (issue 16, item 2): copied once, sized from the file, checked.
@Suite struct ContentFilesTests {
    /// The smallest headers each reader needs, made here (no binary fixtures).
    static func png(_ width: UInt32, _ height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += withUnsafeBytes(of: value.bigEndian, Array.init) }
        return Data(bytes + [8, 6, 0, 0, 0, 0, 0, 0, 0])
    }

    static func jpeg(_ width: UInt16, _ height: UInt16) -> Data {
        let app0: [UInt8] = [0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        var sof: [UInt8] = [0xFF, 0xC0, 0, 17, 8]
        for value in [height, width] { sof += withUnsafeBytes(of: value.bigEndian, Array.init) }
        return Data([0xFF, 0xD8] + app0 + sof + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9])
    }

    static func webp(_ chunk: String, _ payload: [UInt8]) -> Data {
        var bytes = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8)
        bytes += withUnsafeBytes(of: UInt32(payload.count).littleEndian, Array.init) + payload
        return Data(bytes)
    }

    @Test func imageHeadersGiveTheirSize() throws {
        #expect(try ImageSize.read(Array(Self.png(640, 480))) == ImageSize(width: 640, height: 480))
        #expect(try ImageSize.read(Array(Self.jpeg(1200, 800))) == ImageSize(width: 1200, height: 800))
        // VP8X: canvas size minus one, 24 bits each; VP8L: 14 bits each, minus one; VP8: 14 bits.
        #expect(
            try ImageSize.read(Array(Self.webp("VP8X", [0, 0, 0, 0, 0x1F, 0x03, 0, 0xC7, 0x00, 0])))
                == ImageSize(width: 800, height: 200))
        let bits = UInt32(99) | UInt32(49) << 14
        #expect(
            try ImageSize.read(Array(Self.webp("VP8L", [0x2F] + withUnsafeBytes(of: bits.littleEndian, Array.init) + [0, 0, 0, 0, 0])))
                == ImageSize(width: 100, height: 50))
        #expect(
            try ImageSize.read(Array(Self.webp("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00])))
                == ImageSize(width: 320, height: 240))
        #expect(
            try ImageSize.read(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120px\" height='40'></svg>".utf8))
                == ImageSize(width: 120, height: 40))
        #expect(
            try ImageSize.read(Array("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 300 150.5\"/>".utf8))
                == ImageSize(width: 300, height: 151))
        #expect(try ImageSize.read(Array("GIF89a".utf8)) == nil)
        #expect(try ImageSize.read(Array(Self.png(640, 480).prefix(20))) == nil, "a cut-off header is no size")
    }

    static let pages: [String: String] = [
        "Content/nl/index.md": TestSite.page(
            "Home", order: 0,
            """
            ![Logo van de studie](img/logo.svg)

            ![Foto van een vergadering](../files/photo.jpg "Vergadering")

            ![-](../files/line.png)

            Lees [het rapport (pdf)](../files/rapport%20nl.pdf#page=2).
            """),
        "Content/fr/index.md": TestSite.page(
            "Accueil", order: 0,
            """
            ![Photo d'une réunion](../files/photo.jpg)

            ![-](../files/line.png) ![Nuage](../files/cloud.webp)
            """),
    ]

    @Test func imagesAndFilesAreCopiedOnceWithTheirSize() throws {
        let site = try TestSite(Self.pages)
        defer { site.cleanUp() }
        try site.write("Content/nl/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 32\"></svg>")
        try site.write("Content/files/photo.jpg", Self.jpeg(1200, 800))
        try site.write("Content/files/line.png", Self.png(600, 4))
        try site.write("Content/files/cloud.webp", Self.webp("VP8X", [0, 0, 0, 0, 0x1F, 0x03, 0, 0xC7, 0x00, 0]))
        try site.write("Content/files/rapport nl.pdf", "%PDF-1.4")
        let result = site.build()
        #expect(site.messages(result) == [])
        let nl = try #require(site.read("nl/index.html"))
        #expect(nl.contains("<img src=\"../files/nl/img/logo.svg\" width=\"64\" height=\"32\" alt=\"Logo van de studie\" />"))
        #expect(
            nl.contains(
                "<img src=\"../files/files/photo.jpg\" width=\"1200\" height=\"800\" alt=\"Foto van een vergadering\" title=\"Vergadering\" />"
            ))
        #expect(nl.contains("<img src=\"../files/files/line.png\" width=\"600\" height=\"4\" alt=\"\" />"), "decorative: empty alt")
        #expect(nl.contains("href=\"../files/files/rapport%20nl.pdf#page=2\""))
        let fr = try #require(site.read("fr/index.html"))
        #expect(fr.contains("<img src=\"../files/files/photo.jpg\" width=\"1200\" height=\"800\""), "the same file, the same URL")
        #expect(fr.contains("<img src=\"../files/files/cloud.webp\" width=\"800\" height=\"200\""))
        let copied = Set(try FileManager.default.subpathsOfDirectory(atPath: site.output.appendingPathComponent("files").path))
        #expect(
            copied == [
                "nl", "nl/img", "nl/img/logo.svg", "files", "files/photo.jpg", "files/line.png", "files/cloud.webp", "files/rapport nl.pdf",
            ])
        #expect(site.read("files/files/rapport nl.pdf") == "%PDF-1.4")
        // In memory (the preview) the files are there too; a file no page uses any more goes.
        #expect(site.build(write: false).files.contains { $0.path == "files/files/photo.jpg" })
        try site.write("Content/fr/index.md", TestSite.page("Accueil", order: 0, "![-](../files/line.png) ![Nuage](../files/cloud.webp)"))
        try site.write("Content/nl/index.md", TestSite.page("Home", order: 0, "![-](../files/line.png) ![Wolk](../files/cloud.webp)"))
        #expect(site.build().succeeded)
        #expect(site.read("files/files/photo.jpg") == nil)
    }

    @Test func badImagesAndFilesAreErrorsAtTheirLink() throws {
        let site = try TestSite([
            "Content/nl/index.md": TestSite.page(
                "Home", order: 0,
                """
                Tekst ![](img/logo.svg) en [pdf](../files/rapport.pdf).

                ![Grafiek](img/chart.gif) ![Kapot](img/broken.png) [geheim](../../secret.txt)
                ![Link](img/outside.png) [map](img)
                """),
            "Content/fr/index.md": TestSite.page("Accueil", order: 0, "Texte."),
        ])
        defer { site.cleanUp() }
        try site.write("Content/nl/img/logo.svg", "<svg viewBox=\"0 0 10 10\"/>")
        try site.write("Content/nl/img/chart.gif", "GIF89a")
        try site.write("Content/nl/img/broken.png", "not a png")
        try site.write("outside.png", Self.png(1, 1))
        try FileManager.default.createSymbolicLink(
            atPath: site.content.appendingPathComponent("nl/img/outside.png").path,
            withDestinationPath: site.root.appendingPathComponent("outside.png").path)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            site.messages(result) == [
                "Content/nl/index.md:5:7: error: image without alt text: \"img/logo.svg\" (describe what it shows, ![…](img/logo.svg), or mark it as decoration only: ![-](img/logo.svg))",
                "Content/nl/index.md:5:28: error: link to a file that does not exist: \"../files/rapport.pdf\" (put the file at Content/files/rapport.pdf, or correct the link (it is relative to the chapter's folder))",
                "Content/nl/index.md:7:1: error: image \"img/chart.gif\" is not a PNG, JPEG, SVG or WebP file (convert it to one of those (Rapport writes each image's width and height from the file))",
                "Content/nl/index.md:7:27: error: cannot read the width and height of image \"img/broken.png\" (the file is damaged or not really .png: export it again)",
                "Content/nl/index.md:7:52: error: link to a file outside Content/: \"../../secret.txt\" (copy the file into Content/ (e.g. Content/files/) and link to it from there)",
                "Content/nl/index.md:8:1: error: symbolic link pointing outside Content/ is not read: \"img/outside.png\" (copy the file into Content/ instead of linking to it)",
                "Content/nl/index.md:8:26: error: link to a folder, not a file: \"img\" (link to a file in Content/nl/img)",
            ])
    }

    @Test func aLinkInsideContentIsFollowed() throws {
        let site = try TestSite([
            "Content/nl/index.md": TestSite.page("Home", order: 0, "![Logo](img/logo.png)"),
            "Content/fr/index.md": TestSite.page("Accueil", order: 0, "![Logo](../files/logo.png)"),
        ])
        defer { site.cleanUp() }
        try site.write("Content/files/logo.png", Self.png(10, 20))
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("nl"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: site.content.appendingPathComponent("nl/img").path, withDestinationPath: "../files")
        let result = site.build()
        #expect(site.messages(result) == [])
        #expect(
            site.read("nl/index.html")?.contains("<img src=\"../files/files/logo.png\" width=\"10\" height=\"20\"") == true,
            "one output path per source file, whichever link leads to it")
    }
}
