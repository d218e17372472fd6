import Foundation
import RapportTestSupport
import RapportBase
import Testing

@testable import RapportCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A page, an embed, a standalone SVG and a PNG for every chart (issue 26, items 1–3; ChartPage.swift,
/// SocialImages.swift, PNGStore.swift), end to end over a small site with the chart fixture.
@Suite struct ChartPageTests {
    static let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60\" height=\"30\"><rect width=\"60\" height=\"30\" fill=\"#8b1e3f\"/></svg>"

    static func site(_ more: [String: String] = [:]) throws -> TestSite {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/site.yml"] =
            TestSite.siteYML + "\npublisher: {nl: Koning Boudewijnstichting, fr: Fondation Roi Baudouin}\npublished: 2024\n"
            + "theme:\n  logo: files/logo.svg\n"
        files["Content/files/logo.svg"] = logo
        return try TestSite(files.merging(more) { $1 })
    }

    static let nlPage = "nl/financien/grafieken/challenge-frequency/"
    static let frPage = "fr/finances/graphiques/challenge-frequency/"

    @Test func everyChartHasAPageInEachLanguageWithEverythingAReaderNeeds() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let nl = try #require(site.read(Self.nlPage + "index.html"))
        let fr = try #require(site.read(Self.frPage + "index.html"))

        // Title, finding, chart, question, base, source, notes (escaped), the table of numbers.
        #expect(nl.contains("<h1 id=\"chart-challenge-frequency-name\">Hoe vaak komt het voor?</h1>"))
        #expect(nl.contains("<p class=\"chart-page-finding\">Vrijwilligers vinden is het vaakst een probleem.</p>"))
        #expect(nl.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rapport-chart"))
        #expect(nl.contains("<span class=\"label\">Vraag:</span> Hoe vaak heeft uw vereniging last van …?"))
        #expect(nl.contains("<span>Basis: n=136</span>"))
        #expect(nl.contains("<li>Label met &lt;script&gt;alert(‘x’)&lt;/script&gt; &amp; “quotes”</li>"))
        #expect(!nl.contains("<script>alert"))
        #expect(nl.contains("<table class=\"numbers\">") && nl.contains("<th scope=\"row\">Vrijwilligers vinden</th>"))
        #expect(fr.contains("<h1 id=\"chart-challenge-frequency-name\">À quelle fréquence\u{202F}?</h1>"))

        // The citation and its files, the downloads, each a file of the site from this folder.
        #expect(nl.contains("Koning Boudewijnstichting (2024). Hoe vaak komt het voor? In: Testsite."))
        for link in [
            "../../../../nl/data/challenge-frequency.csv", "../../../../nl/data/challenge-frequency.bib",
            "../../../../\(Self.nlPage)challenge-frequency-nl.svg", "../../../../\(Self.nlPage)challenge-frequency-nl.png",
        ] {
            #expect(nl.contains("href=\"\(link)\""), "\(link)")
            let target = site.output.appendingPathComponent(Self.nlPage).appendingPathComponent(link)
            #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path), "\(link)")
        }

        // Back to the figure in its chapter; the language switch and hreflang to the translation's chart page.
        #expect(nl.contains("<a href=\"../../../../nl/financien/index.html#chart-challenge-frequency\">Terug naar het hoofdstuk: Financiën</a>"))
        #expect(nl.contains("<a class=\"language-switch\" href=\"../../../../fr/finances/graphiques/challenge-frequency/index.html\" hreflang=\"fr-BE\">"))
        #expect(nl.contains("<link rel=\"alternate\" hreflang=\"fr-BE\" href=\"https://example.org/\(Self.frPage)\">"))
        #expect(nl.contains("<link rel=\"canonical\" href=\"https://example.org/\(Self.nlPage)\">"))
        #expect(fr.contains("<a class=\"language-switch\" href=\"../../../../nl/financien/grafieken/challenge-frequency/index.html\" hreflang=\"nl-BE\">"))

        // The figure in the chapter links to its page.
        let chapter = try #require(site.read("nl/financien/index.html"))
        #expect(chapter.contains("<a class=\"chart-page-link\" href=\"../../\(Self.nlPage)index.html\""))

        // In the sitemap, with its translation.
        let sitemap = try #require(site.read("sitemap.xml"))
        #expect(
            sitemap.contains(
                """
                  <url>
                    <loc>https://example.org/\(Self.nlPage)</loc>
                    <xhtml:link rel="alternate" hreflang="nl-BE" href="https://example.org/\(Self.nlPage)"/>
                    <xhtml:link rel="alternate" hreflang="fr-BE" href="https://example.org/\(Self.frPage)"/>
                """))
        #expect(!sitemap.contains("/embed/"))
    }

    @Test func theEmbedHasNoHeaderOrFooterAndTellsItsHeight() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let embed = try #require(site.read(Self.nlPage + "embed/index.html"))
        #expect(!embed.contains("site-header") && !embed.contains("site-footer") && !embed.contains("skip-link"))
        #expect(embed.contains("<html lang=\"nl-BE\" class=\"embed\">"))
        #expect(embed.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(embed.contains("<link rel=\"canonical\" href=\"https://example.org/\(Self.nlPage)\">"))
        #expect(embed.contains("<link rel=\"stylesheet\" href=\"../../../../../assets/style.css\">"))
        #expect(embed.contains("<h1 class=\"chart-title\" id=\"chart-challenge-frequency-name\">Hoe vaak komt het voor?</h1>"))
        #expect(embed.contains("<a href=\"../../../../../\(Self.nlPage)index.html\" target=\"_blank\" rel=\"noopener\">Cijfers, bron en toelichting</a>"))
        #expect(embed.contains("window.parent.postMessage({ rapportEmbedHeight: height }, \"*\")"))

        // The code to copy: readable without JavaScript, escaped once for the textarea.
        let page = try #require(site.read(Self.nlPage + "index.html"))
        #expect(
            page.contains(
                "&lt;iframe src=&quot;https://example.org/\(Self.nlPage)embed/&quot; title=&quot;Hoe vaak komt het voor?&quot; width=&quot;100%&quot; height=&quot;"
            ))
        #expect(page.contains("rapportEmbedHeight"))
    }

    @Test func hostileTitlesAreEscapedInTheEmbedCodeAndThePicture() throws {
        // Typeset (“vaak”) like every text of a dataset, then escaped.
        let hostile = "Hoe \"vaak\" <b>komt</b> het & voor?"
        let site = try Self.site([
            "Content/data/challenges/challenge-frequency.yml": ChartFixtures.yaml.replacingOccurrences(
                of: "nl: Hoe vaak komt het voor?", with: "nl: '\(hostile)'")
        ])
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let page = try #require(site.read(Self.nlPage + "index.html"))
        // Escaped in the snippet (an attribute), then again as the textarea's text.
        #expect(page.contains("title=&quot;Hoe “vaak” &amp;lt;b&amp;gt;komt&amp;lt;/b&amp;gt; het &amp;amp; voor?&quot;"))
        let svg = try #require(site.read(Self.nlPage + "challenge-frequency-nl.svg"))
        #expect(svg.contains("<title>Hoe “vaak” &lt;b&gt;komt&lt;/b&gt; het &amp; voor?</title>"))
        #expect(!svg.contains("<b>"))
        #expect(try Self.parsesAsXML(svg))
    }

    @Test func theStandaloneSVGAndItsPNGAtTwiceTheSize() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let svg = try #require(site.read(Self.nlPage + "challenge-frequency-nl.svg"))
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(try Self.parsesAsXML(svg))
        #expect(svg.contains("font-family=\"system-ui, -apple-system,"))
        // Title, finding, source and address drawn in; the logo as a data: URL (standalone).
        #expect(svg.contains(">Hoe vaak komt het voor?</text>"))
        #expect(svg.contains(">Vrijwilligers vinden is het vaakst een probleem.</text>"))
        #expect(svg.contains(">Basis: n=136</text>"))
        #expect(svg.contains(">Koning Boudewijnstichting</text>"))
        let logo = "data:image/svg+xml;base64," + Data(Self.logo.utf8).base64EncodedString()
        #expect(svg.contains("xlink:href=\"\(logo)\""))
        #expect(!svg.contains("href=\"http") && !svg.contains("href=\"../"))

        let size = try #require(Self.svgSize(svg))
        let png = try #require(try? Data(contentsOf: site.output.appendingPathComponent(Self.nlPage + "challenge-frequency-nl.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let decoded = try #require(SVGRaster.decodedSize(Array(png)))
        #expect(decoded == (size.width * 2, size.height * 2))
    }

    @Test func socialImagesOnChartChapterAndHomePages() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let svg = try #require(site.read(Self.nlPage + "challenge-frequency-nl.svg"))
        let size = try #require(Self.svgSize(svg))
        let chartPNG = "https://example.org/\(Self.nlPage)challenge-frequency-nl.png"
        let tags = """
            <meta property="og:image" content="\(chartPNG)">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:width" content="\(size.width * 2)">
            <meta property="og:image:height" content="\(size.height * 2)">
            <meta property="og:image:alt" content="Hoe vaak komt het voor? Vrijwilligers vinden is het vaakst een probleem.">
            <meta name="twitter:card" content="summary_large_image">
            """
        #expect(try #require(site.read(Self.nlPage + "index.html")).contains(tags))
        // The chapter shows its first chart's picture; the home page and a chapter without charts the title card.
        #expect(try #require(site.read("nl/financien/index.html")).contains(tags))
        let card = """
            <meta property="og:image" content="https://example.org/nl/card.png">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:height" content="630">
            <meta property="og:image:alt" content="Testsite">
            """
        #expect(try #require(site.read("nl/index.html")).contains(card))
        // The language chooser at the root: the default language's.
        #expect(try #require(site.read("index.html")).contains(card))
        #expect(try #require(site.read("nl/vrijwilligers/index.html")).contains(card))
        let png = try #require(try? Data(contentsOf: site.output.appendingPathComponent("fr/card.png")))
        #expect(SVGRaster.decodedSize(Array(png)).map { $0 == (1200, 630) } == true)
    }

    /// `--no-pictures`: the same site without a PNG file, a link to one or an `og:image` of one;
    /// the chart pages, their SVG and CSV downloads stay.
    @Test func aBuildWithoutPicturesHasNoPNGAndNoLinkToOne() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(site.output))
        options.pictures = false
        let result = Pipeline(options).run()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let files = FileManager.default.enumerator(atPath: site.output.path)!.compactMap { $0 as? String }
        #expect(!files.contains { $0.hasSuffix(".png") }, "\(files.filter { $0.hasSuffix(".png") })")
        #expect(files.contains(Self.nlPage + "index.html") && files.contains(Self.nlPage + "challenge-frequency-nl.svg"))
        for page in [Self.nlPage + "index.html", "nl/financien/index.html", "nl/index.html"] {
            let html = try #require(site.read(page))
            #expect(!html.contains(".png"), "\(page) names a PNG")
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".Public.cache/png").path))
    }

    @Test func aChartsPathWordMustBeOne() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let strings = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
        try site.write("Content/i18n/fr.yml", strings.replacingOccurrences(of: "chart_pages_folder: graphiques", with: "chart_pages_folder: Les graphiques"))
        let result = site.build()
        let line = try #require(strings.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("chart_pages_folder:") }) + 1
        #expect(
            site.messages(result) == [
                "Content/i18n/fr.yml:\(line):1: error: UI string \"chart_pages_folder\" is a folder of the site's addresses, and \"Les graphiques\" cannot be one (write it in lowercase letters, digits and hyphens only, e.g. \"les-graphiques\")"
            ])
    }

    // MARK: Helpers

    static func parsesAsXML(_ text: String) throws -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        return parser.parse()
    }

    /// `width` and `height` of the root element.
    static func svgSize(_ svg: String) -> (width: Int, height: Int)? {
        func attribute(_ name: String) -> Int? {
            guard let start = svg.range(of: " \(name)=\"") else { return nil }
            return Int(svg[start.upperBound...].prefix { $0 != "\"" })
        }
        guard let width = attribute("width"), let height = attribute("height") else { return nil }
        return (width, height)
    }
}

/// The PNG store beside the output (`.Public.cache/png/`): a picture is made only when its SVG
/// changed; what is there and does not decode at the size expected is made again.
@Suite struct PNGStoreTests {
    /// The store's files by name, each with its inode: a file written again (under a temporary
    /// name, renamed) has a new one, whatever the clock's resolution.
    static func pictures(_ site: TestSite) -> [String: UInt64] {
        let folder = site.root.appendingPathComponent(".Public.cache/png")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var result: [String: UInt64] = [:]
        for name in names where name != PNGStore.checkedName {
            result[name] = FileStamp(path: folder.appendingPathComponent(name).path)?.inode
        }
        return result
    }

    @Test func aRebuildMakesNoPictureAgainAndRemakesWhatIsBroken() throws {
        let site = try ChartPageTests.site()
        defer { site.cleanUp() }
        var result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let first = Self.pictures(site)
        // A chart in two languages and a title card in each.
        #expect(first.count == 4, "\(first.keys.sorted())")
        #expect(result.pictures == (drawn: 4, stored: 0, checked: 0))
        for name in first.keys { #expect(name.count == 32 + 4 && name.hasSuffix(".png")) }
        let folder = site.root.appendingPathComponent(".Public.cache/png")

        // Unchanged: none is written again, nor read through again (each has the stamp it had).
        result = site.build(full: true)
        #expect(site.messages(result) == [])
        #expect(Self.pictures(site) == first)
        #expect(result.pictures == (drawn: 0, stored: 4, checked: 0))

        // Truncated, or another picture of the wrong size under its name: made again, and published whole.
        let names = first.keys.sorted()
        let broken = folder.appendingPathComponent(names[0])
        let bytes = try Data(contentsOf: broken)
        try bytes.prefix(bytes.count / 2).write(to: broken)
        let other = try Data(contentsOf: folder.appendingPathComponent(names[2]))
        try other.write(to: folder.appendingPathComponent(names[1]))
        // Not the store's own: left alone.
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        // The store is no input of the site (the output is whole): a build made anyway.
        result = site.build(full: true)
        #expect(site.messages(result) == [])
        // The two files written since were checked, found broken and drawn again.
        #expect(result.pictures == (drawn: 2, stored: 2, checked: 2))
        #expect(try Data(contentsOf: broken) == bytes)
        let after = Self.pictures(site)
        #expect(after[names[2]] == first[names[2]])
        #expect(after[names[3]] == first[names[3]])
        #expect(after["notes.txt"] != nil)
        for path in ["nl/financien/grafieken/challenge-frequency/challenge-frequency-nl.png", "nl/card.png", "fr/card.png"] {
            let published = try Data(contentsOf: site.output.appendingPathComponent(path))
            #expect(SVGRaster.decodedSize(Array(published)) != nil, "\(path)")
        }

        // A changed chart: its new picture is made, the old one leaves the store.
        try site.write(
            "Content/data/challenges/challenge-frequency.yml",
            ChartFixtures.yaml.replacingOccurrences(of: "nl: Hoe vaak komt het voor?", with: "nl: Hoe vaak?"))
        result = site.build()
        #expect(site.messages(result) == [])
        let changed = Self.pictures(site)
        #expect(changed.count == 5)
        let added = Set(changed.keys).subtracting(first.keys)
        #expect(added.count == 2 && added.contains("notes.txt"))
        #expect(Set(first.keys).subtracting(changed.keys).count == 1)
    }

    /// A published picture is the stored file itself (a hard link: no byte copied); damaged in
    /// place where it is published, it is found by its stamp, drawn again and published whole.
    @Test func aPictureIsLinkedNotCopiedAndMadeAgainWhenDamaged() throws {
        let site = try ChartPageTests.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let published = site.output.appendingPathComponent("nl/card.png")
        let inode = try #require(FileStamp(path: published.path)?.inode)
        #expect(Self.pictures(site).values.contains(inode), "the published picture is not the stored file")
        let bytes = try Data(contentsOf: published)
        let handle = try FileHandle(forWritingTo: published)
        try handle.truncate(atOffset: UInt64(bytes.count / 2))
        try handle.close()
        let result = site.build()
        #expect(result.succeeded && !result.upToDate)
        #expect(result.pictures.checked == 1 && result.pictures.drawn == 1, "\(result.pictures)")
        #expect(try Data(contentsOf: published) == bytes)
    }

    @Test func aStoreInTheWayIsAWarningNotAFailure() throws {
        let site = try ChartPageTests.site()
        defer { site.cleanUp() }
        try site.write(".Public.cache", "a file of someone else")
        let result = site.build()
        #expect(
            site.messages(result) == [
                ".Public.cache:1:1: warning: the pictures' store is not a folder Rapport can use: every PNG is made again in this build (remove or rename .Public.cache; Rapport makes the folder itself)"
            ])
        #expect(result.succeeded)
        #expect(try String(contentsOf: site.root.appendingPathComponent(".Public.cache"), encoding: .utf8) == "a file of someone else")
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("nl/card.png").path))
    }

    /// A picture's PNG holds only its own bytes: a plain chart compresses to a few kilobytes,
    /// and the megabytes of room made for libpng must not stay allocated with it (a build of
    /// the study held a gigabyte of such room, one for every picture kept).
    @Test func aPictureKeepsOnlyItsOwnBytes() throws {
        let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"1600\"><rect width=\"1200\" height=\"1600\" fill=\"#0461A2\"/></svg>".utf8)
        let png = try SVGRaster.png(svg, width: 1200, height: 1600).get()
        #expect(png.count < 100_000)
        #expect(png.capacity < 2 * png.count + 1024, "\(png.capacity) bytes kept for a PNG of \(png.count)")
    }

    @Test func librsvgDrawsAtTheSizeAskedAndSaysWhatItCannotRead() throws {
        let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"><rect width=\"30\" height=\"20\" fill=\"#0461A2\"/></svg>".utf8)
        let png = try SVGRaster.png(svg, width: 60, height: 40).get()
        #expect(SVGRaster.decodedSize(png).map { $0 == (60, 40) } == true)
        #expect(PNGCheck.isWhole(png, width: 60, height: 40))
        #expect(!PNGCheck.isWhole(png, width: 60, height: 41))
        var flipped = png
        flipped[png.count / 2] ^= 0x01
        #expect(!PNGCheck.isWhole(flipped, width: 60, height: 40))
        #expect(!PNGCheck.isWhole(Array(png.prefix(png.count - 1)), width: 60, height: 40))
        #expect(!PNGCheck.isWhole(png + [0], width: 60, height: 40))
        // Truncated, or not a PNG at all: not decoded.
        #expect(SVGRaster.decodedSize(Array(png.prefix(png.count - 20))) == nil)
        #expect(SVGRaster.decodedSize(Array("not a picture".utf8)) == nil)
        #expect(SVGRaster.decodedSize([]) == nil)
        guard case let .failure(failure) = SVGRaster.png(Array("<svg".utf8), width: 10, height: 10) else {
            Issue.record("a broken SVG was drawn")
            return
        }
        #expect(!failure.message.isEmpty)
        #expect(SVGRaster.png(svg, width: 0, height: 10) == .failure(SVGRaster.Failure(message: "a picture of 0 × 10 pixels cannot be made")))
    }
}
