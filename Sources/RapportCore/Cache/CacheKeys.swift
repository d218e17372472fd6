import Foundation
import RapportBase
import SurveyData

/// The digests the build cache keys its entries by: of exactly the inputs an entry was made
/// from, so that a change reaches every entry that depends on it and no other.
///
/// - `site`: what every page sees: `site.yml`, the UI strings, `study.yml` (the facts), the
///   theme's and every other file of `Content/` that is neither a chapter nor a dataset (an
///   image's size is read into the page), the list of `Content/`'s paths (what a link may
///   point at), every file of the templates folder, the navigation (every page's title, slug,
///   order, description, template, as resolved and typeset), the drafts held back, the
///   datasets' ids, and the build's options.
/// - a page: `site`, the page's own front matter and Markdown, as resolved, and the numbers
///   its figures get (they follow from the chart blocks of the chapters before it).
/// - a dataset: its two files (`Dataset.sourceDigest`); and every dataset's when it takes
///   values from another one or quotes one in its texts.
struct CacheKeys: Sendable {
    let site: Digest
    let datasets: [String: Digest]
    let figureNumbers: FigureNumbers

    init(context: RenderContext, content: URL, templates: URL, options: [String], forgets: CacheDependency? = nil) {
        var site = Digest()
        for option in options { site.add(option) }
        for language in context.site.languages where forgets != .uiStrings {
            site.add(language.code)
            let values = context.strings[language]?.values ?? [:]
            for key in values.keys.sorted() {
                site.add(key)
                site.add(values[key] ?? "")
            }
        }
        Self.addFiles(of: content.path, to: &site) { path in
            !(path.hasSuffix(".md") || path.hasPrefix("data/") && path != "data/study.yml"
                && [".csv", ".yml", ".yaml"].contains { path.hasSuffix($0) }
                || forgets == .uiStrings && path.hasPrefix("i18n/"))
        }
        Self.addFiles(of: templates.path, to: &site) { _ in forgets != .templates }
        for page in context.pages {
            Self.addFrontMatter(of: page, to: &site)
        }
        for key in context.drafts.keys.sorted(by: { ($0.language.code, $0.name) < ($1.language.code, $1.name) }) {
            site.add(key.language.code)
            site.add(key.name)
        }
        for id in context.datasets.keys.sorted() { site.add(id) }
        site.add("invalid")
        for id in context.invalidDatasets.sorted() { site.add(id) }
        self.site = site

        var all = Digest()
        for id in context.datasets.keys.sorted() {
            all.add(id)
            all.add(context.datasets[id]!.sourceDigest)
        }
        for id in context.invalidDatasets.sorted() { all.add(id) }
        var datasets: [String: Digest] = [:]
        for (id, dataset) in context.datasets {
            var digest = dataset.sourceDigest
            if dataset.quotesOthers || !dataset.links.isEmpty { digest.add(all) }
            datasets[id] = digest
        }
        self.datasets = datasets
        figureNumbers = context.figureNumbers
    }

    /// A page's key: the site's, and the page as resolved (front matter and Markdown).
    func page(_ page: Page) -> Digest {
        var digest = site
        Self.addFrontMatter(of: page, to: &digest)
        digest.add(page.body)
        digest.add(page.bodyLineOffset)
        for number in figureNumbers.numbers(of: page.key) { digest.add(number ?? 0) }
        return digest
    }

    /// A digest of every field of a page but its Markdown (the preview's changed-page path).
    static func frontMatter(of page: Page) -> Digest {
        var digest = Digest()
        addFrontMatter(of: page, to: &digest)
        return digest
    }

    /// Every field of a page but its Markdown.
    private static func addFrontMatter(of page: Page, to digest: inout Digest) {
        for text in [page.name, page.language.code, page.title, page.description ?? "\u{0}", page.slug, page.template, page.file] {
            digest.add(text)
        }
        digest.add(page.order)
        digest.add(page.declaredOrder ?? Int.min)
        for flag in [page.isPlaceholder, page.isDraft, page.description == nil] { digest.add(flag) }
        digest.add(page.sourceLanguage?.code ?? "")
        for location in [
            page.slugLocation, page.templateLocation, page.titleLocation, page.descriptionLocation, page.orderLocation,
            page.frontMatterLocation, page.draftLocation, page.sourceLocation,
        ] {
            digest.add(location.map { "\($0.file):\($0.line):\($0.column)" } ?? "")
        }
    }

    /// The paths of every file under `root` (with their kind), and the bytes of those `hashed` takes.
    private static func addFiles(of root: String, to digest: inout Digest, hashed: (String) -> Bool) {
        for entry in Files.list(root) {
            digest.add(entry.path)
            digest.add(entry.kind.rawValue)
            guard entry.kind == .file || entry.kind == .symbolicLink, hashed(entry.path) else { continue }
            switch Files.read(root + "/" + entry.path, limit: .published) {
            case let .success(bytes): digest.add(bytes)
            case .failure: digest.add("unreadable")
            }
        }
    }
}
