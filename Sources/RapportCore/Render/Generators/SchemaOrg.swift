import Foundation
import RapportBase
import SurveyData

/// schema.org metadata as JSON-LD, for search engines (Google Dataset Search reads `Dataset`):
///
/// - on each data page, a `Dataset` for every dataset it lists, made from the language's
///   `datapackage.json` (DataPackage): its resource's title as `name`, its description (with the
///   study's when shorter than the 50 characters Google asks for), the CSV as `distribution`;
/// - on the whole report, the study as a `Report`, from its citation (Citations.swift).
///
/// Both share the study's metadata: language, licence (`license:` of site.yml, else the
/// `study.licence` text), publisher, and the fieldwork dates of `study.yml` (`fieldwork-start`,
/// `fieldwork-end`) as `temporalCoverage`. Written inside `<script type="application/ld+json">`
/// with every `<` as `\u003c`, so no text can end the script (`JSONText.scriptBytes`).
enum SchemaOrg {
    /// What every dataset and the report say about the study.
    struct Study {
        var language: Language
        var publisher: String?
        var license: String?
        var licenceText: String?
        var temporalCoverage: String?
        var updated: String?

        func add(to object: inout [String: JSONText]) {
            object["inLanguage"] = .string(language.htmlLang)
            if let publisher {
                let organisation = JSONText.object(["@type": .string("Organization"), "name": .string(publisher)])
                object["publisher"] = organisation
                object["creator"] = organisation
            }
            if let license {
                object["license"] = .string(license)
            } else if let licenceText, !licenceText.isEmpty {
                object["license"] = .object(["@type": .string("CreativeWork"), "name": .string(licenceText)])
            }
            if let temporalCoverage { object["temporalCoverage"] = .string(temporalCoverage) }
            if let updated { object["dateModified"] = .string(updated) }
            object["isAccessibleForFree"] = .bool(true)
        }
    }

    /// Google's shortest description.
    static let shortestDescription = 50

    /// A `Dataset` for each resource of `package`, in one `@graph`; each dataset's `url` is its
    /// entry on the data page (`#data-<id>`), its CSV the resource's `path` beside the package.
    /// `written`: each resource's entry already written where it stands (`graphIndent`).
    static func datasets(_ package: DataPackage, study: Study, written: [[UInt8]]? = nil) -> JSONText {
        let graph =
            written.map { $0.map(JSONText.raw) }
            ?? package.resources.map {
                dataset($0, homepage: package.homepage, packageTitle: package.title, packageDescription: package.description, study: study)
            }
        return .object(["@context": .string("https://schema.org"), "@graph": .array(graph)])
    }

    /// Where a dataset stands in the `@graph` of `datasets`: two levels in.
    static let graphIndent = 4

    /// One resource of the package as a `Dataset` of the graph.
    static func dataset(
        _ resource: DataPackage.Resource, homepage: String, packageTitle: String, packageDescription: String, study: Study
    ) -> JSONText {
        let url = homepage + "#data-" + resource.name
        var description = resource.description
        if description.count < shortestDescription { description += " " + packageTitle + ": " + packageDescription }
        var dataset: [String: JSONText] = [
            "@type": .string("Dataset"), "@id": .string(url), "url": .string(url), "name": .string(resource.title),
            "description": .string(description), "isPartOf": .string(homepage),
            "variableMeasured": .array(resource.schema.fields.map { .string($0.title) }),
            "distribution": .array([
                .object([
                    "@type": .string("DataDownload"), "encodingFormat": .string(resource.mediatype),
                    "contentUrl": .string(homepage + resource.path), "contentSize": .string("\(resource.bytes) B"),
                ])
            ]),
        ]
        study.add(to: &dataset)
        return .object(dataset)
    }

    /// The study as a `Report`: its citation's title, abstract, address, year and DOI, and its PDF when printed.
    static func report(_ citation: CitationRecord, study: Study, pdfURL: String?) -> JSONText {
        var report: [String: JSONText] = [
            "@context": .string("https://schema.org"), "@type": .string("Report"), "@id": .string(citation.url),
            "url": .string(citation.url), "name": .string(citation.title), "headline": .string(citation.title),
        ]
        if let abstract = citation.abstract { report["description"] = .string(abstract) }
        if let year = citation.year { report["datePublished"] = .string(String(year)) }
        if let publisher = citation.publisher { report["author"] = .object(["@type": .string("Organization"), "name": .string(publisher)]) }
        if let doi = citation.doi {
            report["identifier"] = .object([
                "@type": .string("PropertyValue"), "propertyID": .string("DOI"), "value": .string(doi),
                "url": .string("https://doi.org/" + doi),
            ])
            report["sameAs"] = .string("https://doi.org/" + doi)
        }
        if let pdfURL {
            report["encoding"] = .object([
                "@type": .string("MediaObject"), "contentUrl": .string(pdfURL), "encodingFormat": .string("application/pdf"),
            ])
        }
        study.add(to: &report)
        return .object(report)
    }
}

extension RenderContext {
    func schemaOrgStudy(_ language: Language) -> SchemaOrg.Study {
        SchemaOrg.Study(
            language: language, publisher: site.publisher?[language], license: site.license,
            licenceText: site.study.texts["licence"]?[language], temporalCoverage: fieldworkDates, updated: site.updated?.iso)
    }

    /// `2023-11-06/2023-12-06` (ISO 8601) from `fieldwork-start` and `fieldwork-end` of study.yml
    /// (either alone: the one day), or nil.
    var fieldworkDates: String? {
        func date(_ key: String) -> String? {
            guard case let .date(year, month, day)? = references.facts.facts[key]?.value else { return nil }
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        switch (date("fieldwork-start"), date("fieldwork-end")) {
        case let (start?, end?): return start == end ? start : start + "/" + end
        case let (start?, nil): return start
        case let (nil, end?): return end
        default: return nil
        }
    }

    /// The template values of a page's JSON-LD (`hasJSONLD`, `jsonLD`).
    static func jsonLDValues(_ json: JSONText?) -> [LanguageKey: TemplateValue] {
        [.hasJSONLD: .bool(json != nil), .jsonLD: .markup(json?.scriptBytes ?? [])]
    }
}

extension JSONText {
    /// The text as it may stand inside `<script>`: every `<` (only ever inside a string) as
    /// `\u003c`, so no text can close the script or open a comment.
    var scriptBytes: [UInt8] {
        let text = bytes
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var run = 0  // the first byte not yet copied
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "<") {
            out += text[run..<index]
            out += Self.escapedLessThan
            run = index + 1
        }
        out += text[run...]
        return out
    }

    private static let escapedLessThan = Array("\\u003c".utf8)
}
