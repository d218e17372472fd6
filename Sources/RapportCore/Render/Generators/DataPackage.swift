import Foundation
import RapportBase

/// `datapackage.json` of a language's data folder: a Frictionless Data Package
/// (https://specs.frictionlessdata.io/data-package/) with one tabular resource per CSV file,
/// described as the files are written (ChartFigure.csv): `;` between fields, CRLF, a header
/// row in the page's language, decimal comma, UTF-8 with a byte order mark. The keys are
/// written sorted, so the same site gives the same bytes.
struct DataPackage {
    struct Contributor {
        var title: String
        var role = "publisher"
    }

    struct Resource {
        var name: String
        var path: String
        var profile = "tabular-data-resource"
        var title: String
        var description: String
        var format = "csv"
        var mediatype = "text/csv"
        /// The spec's IANA name; the byte order mark at the start is UTF-8's signature, which
        /// readers (frictionless among them) skip.
        var encoding = "utf-8"
        var bytes: Int
        var dialect = Dialect()
        var schema: Schema

        var json: JSONText {
            .object([
                "name": .string(name), "path": .string(path), "profile": .string(profile), "title": .string(title),
                "description": .string(description), "format": .string(format), "mediatype": .string(mediatype),
                "encoding": .string(encoding), "bytes": .integer(bytes), "dialect": dialect.json,
                "schema": .object(["fields": .array(schema.fields.map(\.json)), "missingValues": .array(schema.missingValues.map { .string($0) })]),
            ])
        }
    }

    struct Dialect {
        var json: JSONText {
            .object([
                "delimiter": .string(delimiter), "lineTerminator": .string(lineTerminator), "quoteChar": .string(quoteChar),
                "doubleQuote": .bool(doubleQuote), "header": .bool(header),
            ])
        }

        var delimiter = ";"
        var lineTerminator = "\r\n"
        var quoteChar = "\""
        var doubleQuote = true
        var header = true
    }

    struct Schema {
        var fields: [Field]
        var missingValues = [""]
    }

    struct Field {
        var name: String
        var title: String
        var type: String
        var description: String?
        var decimalChar: String?

        var json: JSONText {
            var field: [String: JSONText] = ["name": .string(name), "title": .string(title), "type": .string(type)]
            if let description { field["description"] = .string(description) }
            if let decimalChar { field["decimalChar"] = .string(decimalChar) }
            return .object(field)
        }
    }

    var profile = "tabular-data-package"
    var name: String
    var id: String
    var title: String
    var description: String
    var homepage: String
    var contributors: [Contributor]?
    /// The licence of site.yml's `license:` (its URL as `path`, the `study.licence` text as `title`).
    var licenses: [License]?
    var resources: [Resource]
    /// Each resource already written where it stands (`JSONText.raw`), when the data page made
    /// them on all cores; else written from `resources`.
    var writtenResources: [[UInt8]]?

    /// Where a resource stands in the package's JSON: in `resources`, two levels in.
    static let resourceIndent = 4

    struct License {
        var path: String
        var title: String?
    }

    /// The JSON text: keys sorted, two-space indents, a final line break (`JSONText`).
    func json() -> [UInt8] {
        var package: [String: JSONText] = [
            "profile": .string(profile), "name": .string(name), "id": .string(id), "title": .string(title),
            "description": .string(description), "homepage": .string(homepage),
            "resources": .array(writtenResources.map { $0.map(JSONText.raw) } ?? resources.map(\.json)),
        ]
        if let contributors {
            package["contributors"] = .array(contributors.map { .object(["title": .string($0.title), "role": .string($0.role)]) })
        }
        if let licenses {
            package["licenses"] = .array(
                licenses.map { license in
                    var fields: [String: JSONText] = ["path": .string(license.path)]
                    if let title = license.title, !title.isEmpty { fields["title"] = .string(title) }
                    return .object(fields)
                })
        }
        return JSONText.object(package).bytes
    }

    /// The resource of one CSV file. Field names are the headers as written (`asWritten`, the
    /// dataset the CSV is made of); titles and descriptions are typeset (`shown`).
    static func resource(asWritten: ChartFigure, shown: ChartFigure, bytes: Int) -> Resource {
        let fields = zip(asWritten.csvColumns(), shown.csvColumns()).map { column, shownColumn -> Field in
            switch column.content {
            case .text: return Field(name: column.readHeader, title: shownColumn.title, type: "string")
            case .integer: return Field(name: column.readHeader, title: shownColumn.title, type: "integer")
            case .number:
                return Field(
                    name: column.readHeader, title: shownColumn.title, type: "number",
                    description: column.unit.isEmpty ? nil : shownColumn.unit, decimalChar: ",")
            }
        }
        let dataset = shown.dataset, language = shown.language
        var description = dataset.question?[language] ?? dataset.finding?[language] ?? dataset.title[language]
        if let base = shown.baseText { description += " (\(base))" }
        return Resource(
            name: dataset.id, path: "\(dataset.id).csv", title: dataset.title[language], description: description,
            bytes: bytes, schema: Schema(fields: fields))
    }

    /// A package name (lower case, digits, `-`) made of the site's title: accents dropped.
    static func name(of title: String, _ language: Language) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var name = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty, !name.hasSuffix("-") {
                name += "-"
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        return (name.isEmpty ? "data" : name) + "-" + language.code
    }
}
