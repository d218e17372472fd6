import Foundation
import SurveyData

/// What `rapport new FOLDER` writes: a study that builds at once without a warning, to be
/// rewritten by its editors. The templates and UI strings are Rapport's own (generated into
/// Generated/StarterFiles+Part*.swift); the texts below are placeholders in every language.
public enum StarterFiles {
    /// Every file of a new study, by its path in the study's folder.
    public static func files(languages: [Language]) -> [(path: String, contents: String)] {
        builtIn + content(defaultLanguage: languages.first ?? .nl)
    }

    static func content(defaultLanguage: Language) -> [(path: String, contents: String)] {
        [
            ("Content/site.yml", siteYML(defaultLanguage: defaultLanguage)),
            (
                "Content/nl/index.md",
                """
                ---
                title: Onze nieuwe studie
                order: 0
                description: De eerste resultaten van onze nieuwe bevraging, in enkele cijfers.
                ---

                Deze site is net aangemaakt met `rapport new`. Vervang deze tekst door de inleiding van de studie.

                Elke pagina bestaat in het Nederlands en in het Frans, met dezelfde bestandsnaam in `Content/nl/` en `Content/fr/`. De eerste grafiek staat in het hoofdstuk over de [resultaten](results.md).

                """
            ),
            (
                "Content/fr/index.md",
                """
                ---
                title: Notre nouvelle étude
                order: 0
                description: Les premiers résultats de notre nouvelle enquête, en quelques chiffres.
                ---

                Ce site vient d'être créé avec `rapport new`. Remplacez ce texte par l'introduction de l'étude.

                Chaque page existe en néerlandais et en français, sous le même nom de fichier dans `Content/nl/` et `Content/fr/`. Le premier graphique se trouve dans le chapitre consacré aux [résultats](results.md).

                """
            ),
            (
                "Content/nl/results.md",
                """
                ---
                title: Resultaten
                order: 1
                slug: resultaten
                description: Wat de deelnemers antwoordden, in één grafiek.
                ---

                ## Wat de deelnemers zeggen

                Een meerderheid van de deelnemers, {{example-answers:agree:share}}, is het eens met de stelling. De cijfers staan in `Content/data/results/`.

                ```chart example-answers
                ```

                """
            ),
            (
                "Content/fr/results.md",
                """
                ---
                title: Résultats
                order: 1
                slug: resultats
                description: Ce que les participants ont répondu, en un graphique.
                ---

                ## Ce que disent les participants

                Une majorité des participants, {{example-answers:agree:share}}, approuve l'affirmation. Les chiffres se trouvent dans `Content/data/results/`.

                ```chart example-answers
                ```

                """
            ),
            (
                "Content/data/results/example-answers.yml",
                """
                # One chart's texts and settings; its numbers are in example-answers.csv (see docs/datasets.md).
                kind: bars
                title:
                  nl: Eens met de stelling
                  fr: D'accord avec l'affirmation
                question:
                  nl: In welke mate bent u het eens met de stelling?
                  fr: Dans quelle mesure êtes-vous d'accord avec l'affirmation ?
                finding:
                  nl: Meer dan de helft van de deelnemers is het eens met de stelling.
                  fr: Plus de la moitié des participants sont d'accord avec l'affirmation.
                base: 120
                unit: percent
                series:
                  - key: share
                    nl: Aandeel deelnemers
                    fr: Part des participants

                """
            ),
            (
                "Content/data/results/example-answers.csv",
                """
                key,nl,fr,share
                agree,Eens,D'accord,56
                neutral,Neutraal,Neutre,24
                disagree,Oneens,Pas d'accord,20

                """
            ),
            (
                "Content/files/README.txt",
                """
                Images and files shared by both languages (a logo, a PDF of the report) go here.
                Link to them from a chapter as ../files/NAME, e.g. ![Logo of the study](../files/logo.svg).

                """
            ),
            (".gitignore", "Public/\n.Public.previous/\n"),
        ]
    }

    static func siteYML(defaultLanguage: Language) -> String {
        """
        # The site as a whole, in every language (see Rapport's README).
        title:
          nl: Onze nieuwe studie
          fr: Notre nouvelle étude
        description:
          nl: De resultaten van onze nieuwe bevraging.
          fr: Les résultats de notre nouvelle enquête.
        # Where the site will be published (canonical URLs, sitemap); a staging copy may differ.
        baseURL: https://example.org/
        languages: [nl, fr]
        defaultLanguage: \(defaultLanguage.rawValue)
        # This study's own texts: the footer, and the source of a chart that names none.
        study:
          partners:
            nl: De partners van deze studie.
            fr: Les partenaires de cette étude.
          citation:
            nl: Auteur (jaar). Titel van de studie.
            fr: Auteur (année). Titre de l'étude.
          licence:
            nl: Tekst en cijfers mogen hergebruikt worden met bronvermelding.
            fr: Les textes et les chiffres peuvent être réutilisés moyennant mention de la source.
          source:
            nl: Bevraging van de deelnemers
            fr: Enquête auprès des participants
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

    /// `--languages nl,fr`: Rapport builds sites in exactly Dutch and French today, the first
    /// given being the default language. Nil with the reason otherwise.
    public static func languages(_ text: String) -> Result<[Language], BuildFailure> {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let languages = names.compactMap { Language(rawValue: $0) }
        guard languages.count == names.count, Set(languages) == Set(Language.allCases), languages.count == Language.allCases.count else {
            return .failure(
                BuildFailure(
                    message:
                        "--languages \(text): a site has exactly the languages nl and fr today; give --languages nl,fr (or fr,nl to make French the default)"
                ))
        }
        return .success(languages)
    }
}
