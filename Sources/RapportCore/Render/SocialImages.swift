import Diagnostics
import Foundation
import RapportBase
import SVGCharts

/// The picture a link to a page shows when it is shared (`og:image`, Twitter's
/// `summary_large_image`): a chart page its chart's PNG, a chapter its first chart's, every
/// other page its language's title card (`nl/card.png`: the site's title, description,
/// publisher and logo, drawn and rasterized as the charts are).
struct SocialImage: Sendable {
    /// Site path of the PNG.
    var path: String
    var width: Int
    var height: Int
    var alt: String
}

/// A picture to rasterize, where its PNG goes, and what to name in an error.
struct PendingPicture: Sendable {
    var picture: StandaloneSVG
    /// Path of the PNG in the site's folder.
    var path: String
    var what: OutputProblem.Picture
    var location: SourceLocation
}

extension RenderContext {
    /// The PNG of `picture` at `path`, at the size the store draws it.
    func socialImage(_ picture: StandaloneSVG, path: String, alt: String) -> SocialImage {
        SocialImage(path: path, width: picture.width * PNGStore.scale, height: picture.height * PNGStore.scale, alt: alt)
    }

    /// `ogImage` of the templates: `url` (absolute), `width`, `height`, `alt`; nothing for nil.
    func socialImageValue(_ image: SocialImage?) -> TemplateValue { Self.socialImageValue(image, site: site) }

    static func socialImageValue(_ image: SocialImage?, site: SiteConfig) -> TemplateValue {
        .maybe(
            image.map {
                TemplateScope<OGImageKey>(texts: [
                    .url: absolute($0.path, site: site), .width: String($0.width), .height: String($0.height), .alt: $0.alt,
                ])
            })
    }

    /// What a chart's picture shows, for readers who cannot see it: its title and its finding.
    static func imageAlt(title: String, finding: String?) -> String {
        guard let finding, !finding.isEmpty else { return title }
        return ChartCitation.sentence(title) + " " + finding
    }

    // MARK: Title cards

    static let titleCardFile = "card.png"

    /// The title card of `language` (every page's picture unless it has its own).
    static func titleCardImage(_ language: Language, site: SiteConfig) -> SocialImage {
        SocialImage(
            path: site.basePath + language.code + "/" + titleCardFile, width: Int(StandaloneChart.width) * PNGStore.scale,
            height: Int(TitleCard.height) * PNGStore.scale, alt: site.title[language])
    }

    func titleCard(_ language: Language) -> StandaloneSVG {
        TitleCard(
            title: site.title[language], subtitle: site.description[language], credit: site.publisher?[language], logo: standaloneLogo,
            lang: language.htmlLang, accent: site.theme.accent ?? "#1B3470"
        ).svg()
    }

    /// Every language's title card, rasterized (nothing when the build makes no pictures).
    func renderTitleCards(into output: SiteOutput) -> [Diagnostic] {
        renderPictures(
            site.languages.map { language in
                PendingPicture(
                    picture: titleCard(language), path: language.code + "/" + Self.titleCardFile,
                    what: .titleCard(language: language.englishName), location: SourceLocation(file: site.file))
            }, into: output)
    }

    /// `pending` rasterized on all cores (PNGStore: drawn only when its SVG changed), into `output`.
    func renderPictures(_ pending: [PendingPicture], into output: SiteOutput) -> [Diagnostic] {
        pending.parallelMap { item -> [Diagnostic] in
            var work = PageWork()
            switch rasterize(item.picture, what: item.what, at: item.location, work: &work) {
            case let .bytes(png)?: output.add(OutputFile(path: item.path, bytes: png))
            case let .file(stored, size)?: output.add(item.path, linkedTo: stored, count: size)
            case nil: break
            }
            return work.diagnostics
        }.flatMap { $0 }
    }

    /// The theme's logo as standalone pictures draw it: the SVG file as a `data:` URL, so that
    /// the picture needs no other file (nil without a logo, or one that cannot be read).
    static func standaloneLogo(source: String, width: Int, height: Int) -> StandaloneLogo? {
        guard case let .success(bytes) = Files.read(source, limit: .published) else { return nil }
        return StandaloneLogo(
            href: "data:image/svg+xml;base64," + Data(bytes).base64EncodedString(), width: Double(width), height: Double(height))
    }
}
