import Foundation
import RapportBase

/// What `rapport new FOLDER` writes: a study that builds at once without a warning, to be
/// rewritten by its editors. The templates and UI strings are Rapport's own (generated into
/// Generated/StarterFiles+Part*.swift); the texts below are placeholders in every language.
public enum StarterFiles {
    /// Every file of a new study, by its path in the study's folder: the templates, the UI
    /// strings of each language (by its primary language: `en-GB` gets `en`'s), the content.
    public static func files(languages: [Language]) -> [(path: String, contents: String)] {
        builtIn.filter { $0.path.hasPrefix("Templates/") }
            + languages.compactMap { language in
                uiStrings(for: language, in: languages).map { ("Content/i18n/\(language.code).yml", $0) }
            }
            + content(languages: languages.filter { StarterTexts.of($0) != nil })
    }

    /// Rapport's UI strings for `language` (Content/i18n/ or Starter/i18n/), with the language
    /// switch written for the site's languages; nil when Rapport has none.
    static func uiStrings(for language: Language, in languages: [Language]) -> String? {
        let primary = String(language.code.split(separator: "-").first ?? "")
        guard
            let text = builtIn.first(where: { $0.path == "Content/i18n/\(primary).yml" || $0.path == "Starter/i18n/\(primary).yml" })?
                .contents
        else { return nil }
        let others = languages.filter { $0 != language }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("language_switch: "), others.count == 1, let other = uiStrings(for: others[0], in: [others[0]]) {
                // The other language's name in its own language, from its language_name.
                let name = other.split(separator: "\n").first { $0.hasPrefix("language_name: ") }?.dropFirst("language_name: ".count)
                lines[index] = "language_switch: " + (name.map(String.init) ?? others[0].code)
            } else if line.hasPrefix("language_switch_label: ") {
                var label = switchLabels[primary] ?? "{language}:"
                if others.count == 1 { label = label.replacingOccurrences(of: "{language}", with: language.name(of: others[0])) }
                lines[index] = "language_switch_label: \"\(label)\""
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The language switch's label with `{language}` for the language's name.
    static let switchLabels = [
        "nl": "Lees deze pagina in het {language}:", "fr": "Lire cette page en {language} :",
        "de": "Diese Seite auf {language} lesen:", "en": "Read this page in {language}:",
    ]

    static func content(languages: [Language]) -> [(path: String, contents: String)] {
        let folders = languages.map { "`Content/\($0.code)/`" }.joined(separator: ", ")
        var files: [(path: String, contents: String)] = [("Content/site.yml", siteYML(languages: languages))]
        for language in languages {
            guard let text = StarterTexts.of(language) else { continue }
            files.append(
                (
                    "Content/\(language.code)/index.md",
                    """
                    ---
                    title: \(text.homeTitle)
                    order: 0
                    description: \(text.homeDescription)
                    ---

                    \(text.homeIntro)

                    \(text.homePages.replacingOccurrences(of: "%folders%", with: folders)) \(text.homeChart.replacingOccurrences(of: "%link%", with: "[\(text.resultsWord)](results.md)"))

                    """
                ))
            files.append(
                (
                    "Content/\(language.code)/results.md",
                    """
                    ---
                    title: \(text.resultsTitle)
                    order: 1
                    slug: \(text.resultsSlug)
                    description: \(text.resultsDescription)
                    ---

                    ## \(text.resultsHeading)

                    \(text.resultsBody)

                    ```chart example-answers
                    ```

                    """
                ))
        }
        func texts(_ key: String, _ value: (StarterTexts) -> String, indent: String = "  ") -> String {
            "\(key):\n" + languages.map { "\(indent)\($0.code): \(yamlText(StarterTexts.of($0).map(value) ?? ""))" }.joined(separator: "\n")
        }
        files.append(
            (
                "Content/data/results/example-answers.yml",
                """
                # One chart's texts and settings; its numbers are in example-answers.csv (see docs/datasets.md).
                kind: bars
                \(texts("title", \.chartTitle))
                \(texts("question", \.question))
                \(texts("finding", \.finding))
                base: 120
                unit: percent
                series:
                  - key: share
                \(languages.map { "    \($0.code): \(yamlText(StarterTexts.of($0)?.series ?? ""))" }.joined(separator: "\n"))

                """
            ))
        func row(_ key: String, _ value: String, _ label: (StarterTexts) -> String) -> String {
            ([key] + languages.map { csvText(StarterTexts.of($0).map(label) ?? "") } + [value]).joined(separator: ",")
        }
        files.append(
            (
                "Content/data/results/example-answers.csv",
                """
                \((["key"] + languages.map(\.code) + ["share"]).joined(separator: ","))
                \(row("agree", "56", \.rows.agree))
                \(row("neutral", "24", \.rows.neutral))
                \(row("disagree", "20", \.rows.disagree))

                """
            ))
        files.append(
            (
                "Content/files/README.txt",
                """
                Images and files shared by all languages (a logo, a PDF of the report) go here.
                Link to them from a chapter as ../files/NAME, e.g. ![Logo of the study](../files/logo.svg).

                """
            ))
        files.append((".gitignore", "Public/\n.Public.*\n"))
        return files
    }

    /// A YAML scalar: quoted when it holds `:` or `'` or starts with a sign YAML reads otherwise.
    static func yamlText(_ text: String) -> String {
        text.contains(": ") || text.contains("'") || text.hasSuffix("?") && text.contains(" :")
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : text
    }

    static func csvText(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func siteYML(languages: [Language]) -> String {
        func texts(_ key: String, _ value: (StarterTexts) -> String, indent: String = "") -> String {
            "\(indent)\(key):\n"
                + languages.map { "\(indent)  \($0.code): \(yamlText(StarterTexts.of($0).map(value) ?? ""))" }.joined(separator: "\n")
        }
        return """
            # The site as a whole, in every language (see Rapport's README).
            \(texts("title", \.title))
            \(texts("description", \.description))
            # Where the site will be published (canonical URLs, sitemap); a staging copy may differ.
            baseURL: https://example.org/
            # The site's languages; the first is the default (or name one: defaultLanguage: …).
            languages: [\(languages.map(\.code).joined(separator: ", "))]
            defaultLanguage: \(languages.first?.code ?? "nl")
            # Who publishes the study, named in "cite this chart" (with the year of updated: YYYY-MM-DD, if given).
            \(texts("publisher", \.publisher))
            # This study's own texts: the footer, and the source of a chart that names none.
            study:
            \(texts("partners", \.partners, indent: "  "))
            \(texts("citation", \.citation, indent: "  "))
            \(texts("licence", \.licence, indent: "  "))
            \(texts("source", \.source, indent: "  "))
            # A logo, brand colours and chart palettes (every colour is checked for contrast):
            # theme:
            #   logo: files/logo.svg
            #   colors: {accent: "#8B1E3F"}
            #   palettes:
            #     categorical: ["#8B1E3F", "#2E7D32", "#5E2A84"]
            #     sequential: ["#CC6677", "#A23B72", "#5E2A84", "#3B1F5C"]

            """
    }

    /// Writes a new study into `folder` (created; it must not exist or be empty).
    public static func write(to folder: URL, languages: [Language]) throws(BuildFailure) {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            let entries = isFolder.boolValue ? ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []) : ["?"]
            if !entries.filter({ $0 != ".git" && $0 != ".DS_Store" }).isEmpty {
                throw BuildFailure(
                    message: "\(folder.path) already exists and is not empty; rapport new writes only into a new or empty folder")
            }
        }
        for (path, contents) in files(languages: languages) {
            let url = folder.appendingPathComponent(path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            } catch {
                throw BuildFailure(message: "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
    }

    /// `--languages nl,fr,de`: one or more of the languages Rapport has UI strings and texts
    /// for (nl, fr, de, en, optionally with a region: en-GB), each once, the first the default.
    /// Nil with the reason otherwise.
    public static func languages(_ text: String) -> Result<[Language], BuildFailure> {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var languages: [Language] = []
        for name in names {
            guard let language = Language(code: name), StarterTexts.of(language) != nil else {
                let known = Language.supportedCodes.joined(separator: ", ")
                let why =
                    Language.isWellFormed(name)
                    ? "Rapport has no UI strings for \"\(name)\" (it ships them for \(known)); "
                        + "a study in \(name) needs Content/i18n/\(name).yml, translated from Content/i18n/nl.yml, and Rapport to know how \(name) writes numbers and dates"
                    : "\"\(name)\" is not a language code; write codes such as \(known) or en-GB, separated by commas"
                return .failure(BuildFailure(message: "--languages \(text): \(why)"))
            }
            guard !languages.contains(language) else {
                return .failure(BuildFailure(message: "--languages \(text): \(name) is given twice; list each language once"))
            }
            languages.append(language)
        }
        return .success(languages)
    }
}
