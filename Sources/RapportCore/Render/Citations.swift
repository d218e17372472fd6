import Foundation
import RapportBase
import SurveyData

/// "Cite this study" and "cite this chart" as files (CitationFormats.swift) and the Highwire
/// Press `citation_*` meta tags that Google Scholar and Zotero read.
///
/// - the study, per language: `nl/citeer.bib`, `.ris`, `.csl.json` (`fr/citer.*`, `de/zitieren.*`,
///   `en/cite.*`), linked from the whole report's title page;
/// - each chart, per language, beside its CSV: `nl/data/<id>.bib`, `.ris`, `.csl.json`, linked
///   from the chart's citation line; the address in them is the chart in the first chapter
///   that shows it.
///
/// Publisher (`publisher`), year (`published`, else the year of `updated`), title (the site's,
/// or the chart's), the `doi` of site.yml when given (the study's, so not in a chart's files).
extension RenderContext {
    struct CitationFormat {
        var fileExtension: String
        var name: String
        var mediaType: String
    }

    static let citationFormats = [
        CitationFormat(fileExtension: "bib", name: "BibTeX", mediaType: "application/x-bibtex"),
        CitationFormat(fileExtension: "ris", name: "RIS", mediaType: "application/x-research-info-systems"),
        CitationFormat(fileExtension: "csl.json", name: "CSL-JSON", mediaType: "application/vnd.citationstyles.csl+json"),
    ]

    /// The study's citation files without their extension, as a site path: `/nl/citeer`.
    func studyCitationStem(_ language: Language) -> String { site.basePath + language.code + "/" + language.citeFileName }

    /// A chart's citation files without their extension, as a site path: `/nl/data/<id>`.
    func chartCitationStem(_ id: String, _ language: Language) -> String { dataURL(language) + id }

    var citationYear: Int? { site.published ?? site.updated?.year }

    /// The address the study is cited at: its whole report (the study as one document), else its home page.
    func studyURL(_ language: Language) -> String {
        absolute(templates.has("report") ? ReaderPages.reportPath(language, site: site) : site.basePath + language.code + "/")
    }

    func studyCitation(_ language: Language) -> CitationRecord {
        CitationRecord(
            kind: .study, key: DataPackage.name(of: site.title[language], language), title: site.title[language],
            publisher: site.publisher?[language], year: citationYear, url: studyURL(language), doi: site.doi,
            language: language.htmlLang, abstract: site.description[language])
    }

    /// `dataset` (typeset) as shown first in `page`.
    func chartCitation(_ dataset: Dataset, _ language: Language, shownIn page: Page) -> CitationRecord {
        let label = strings[language]?[.chartCiteIn] ?? ""
        return CitationRecord(
            kind: .chart, key: DataPackage.name(of: site.title[language], language) + "-" + dataset.id, title: dataset.title[language],
            container: (site.title[language], label), publisher: site.publisher?[language], year: citationYear,
            url: absolute(url(of: page)) + "#" + ChartAnchor(dataset: dataset.id).id, doi: nil,
            language: language.htmlLang, abstract: dataset.finding?[language])
    }

    /// The three files of `record` at `stem` (a site path without extension).
    func addCitationFiles(_ record: CitationRecord, stem: String, into output: SiteOutput) {
        for file in citationFiles(record, stem: stem) { output.add(file) }
    }

    func citationFiles(_ record: CitationRecord, stem: String) -> [OutputFile] {
        let path = String(stem.dropFirst(site.basePath.count))
        return Self.citationFormats.map { OutputFile(path: path + "." + $0.fileExtension, bytes: record.file($0.fileExtension)) }
    }

    func renderStudyCitations(into output: SiteOutput) {
        for language in site.languages { addCitationFiles(studyCitation(language), stem: studyCitationStem(language), into: output) }
    }

    /// The links to the three files at `stem` from a page at `depth` (`citeFiles` of the
    /// templates): `format`, `url`, `fileName` (`fileStem` and the extension), `type`, `last`;
    /// `linkId` is `idPrefix-<extension>` (dots as `-`).
    func citationLinks(stem: String, fileStem: String, idPrefix: String, from depth: LinkDepth) -> TemplateValue {
        .list(
            Self.citationFormats.enumerated().map { index, format in
                TemplateScope<CiteFileKey>([
                    .format: .text(format.name), .url: .text(relative(stem + "." + format.fileExtension, from: depth)),
                    .fileName: .text(fileStem + "." + format.fileExtension), .type: .text(format.mediaType),
                    .linkId: .text(idPrefix + "-" + String(format.fileExtension.map { $0 == "." ? "-" : $0 })),
                    .last: .bool(index == Self.citationFormats.count - 1),
                ])
            })
    }

    /// The DOI as a link (`doi` of the templates: `url`), or nothing.
    static func doiValue(_ site: SiteConfig) -> TemplateValue {
        .maybe(site.doi.map { TemplateScope<DOIKey>(texts: [.url: "https://doi.org/" + $0]) })
    }

    // MARK: Highwire Press meta tags

    /// The `citation_*` tags of a chapter: the chapter as a part of the study (`citation_inbook_title`).
    func chapterCitationMeta(_ page: Page) -> TemplateValue {
        var tags: [(String, String)] = [("citation_title", page.title), ("citation_inbook_title", site.title[page.language])]
        tags += commonCitationMeta(page.language, url: absolute(url(of: page)))
        return Self.metaList(tags)
    }

    /// The `citation_*` tags of the whole report: the study itself, its DOI and PDF when it has them.
    func reportCitationMeta(_ language: Language, pdfURL: String?) -> TemplateValue {
        var tags: [(String, String)] = [("citation_title", site.title[language])]
        if let publisher = site.publisher?[language] { tags.append(("citation_technical_report_institution", publisher)) }
        tags += commonCitationMeta(language, url: absolute(ReaderPages.reportPath(language, site: site)))
        if let doi = site.doi { tags.append(("citation_doi", doi)) }
        if let pdfURL { tags.append(("citation_pdf_url", pdfURL)) }
        return Self.metaList(tags)
    }

    private func commonCitationMeta(_ language: Language, url: String) -> [(String, String)] {
        var tags: [(String, String)] = []
        if let publisher = site.publisher?[language] { tags.append(("citation_publisher", publisher)) }
        if let year = citationYear { tags.append(("citation_publication_date", String(year))) }
        tags.append(("citation_language", language.code))
        tags.append(("citation_public_url", url))
        return tags
    }

    private static func metaList(_ tags: [(String, String)]) -> TemplateValue {
        .list(tags.map { TemplateScope<CitationMetaKey>(texts: [.name: $0.0, .content: $0.1]) })
    }
}
