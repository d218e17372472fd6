import RapportBase


/// The placeholder texts of a new study (`rapport new`), one set per language Rapport has
/// starter UI strings for. Written to be replaced by the study's editors.
struct StarterTexts {
    var title, description: String
    var partners, citation, licence, source: String
    /// Who publishes the study: named first in "cite this chart" (without it the citation starts "(n.d.).").
    var publisher: String
    var homeTitle, homeDescription, homeIntro: String
    /// "Every page exists in each language …"; `%folders%` becomes `Content/nl/`, `Content/fr/` …
    var homePages: String
    /// Links to the results chapter: `%link%` becomes `[…](results.md)`.
    var homeChart: String
    var resultsWord: String
    var resultsTitle, resultsSlug, resultsDescription, resultsHeading, resultsBody: String
    var chartTitle, question, finding, series: String
    var rows: (agree: String, neutral: String, disagree: String)

    /// The texts for `language` (by its primary language: `en-GB` takes `en`'s), or nil.
    static func of(_ language: Language) -> StarterTexts? {
        all[String(language.code.split(separator: "-").first ?? "")]
    }

    static let all: [String: StarterTexts] = [
        "nl": StarterTexts(
            title: "Onze nieuwe studie", description: "De resultaten van onze nieuwe bevraging.",
            partners: "De partners van deze studie.", citation: "Auteur (jaar). Titel van de studie.",
            licence: "Tekst en cijfers mogen hergebruikt worden met bronvermelding.", source: "Bevraging van de deelnemers",
            publisher: "Naam van de uitgever",
            homeTitle: "Onze nieuwe studie", homeDescription: "De eerste resultaten van onze nieuwe bevraging, in enkele cijfers.",
            homeIntro: "Deze site is net aangemaakt met `rapport new`. Vervang deze tekst door de inleiding van de studie.",
            homePages: "Elke pagina bestaat in elke taal van de site, met dezelfde bestandsnaam in de map van elke taal (%folders%).",
            homeChart: "De eerste grafiek staat in het hoofdstuk over de %link%.", resultsWord: "resultaten",
            resultsTitle: "Resultaten", resultsSlug: "resultaten", resultsDescription: "Wat de deelnemers antwoordden, in één grafiek.",
            resultsHeading: "Wat de deelnemers zeggen",
            resultsBody:
                "Een meerderheid van de deelnemers, {{example-answers:agree:share}}, is het eens met de stelling. De cijfers staan in `Content/data/results/`.",
            chartTitle: "Eens met de stelling", question: "In welke mate bent u het eens met de stelling?",
            finding: "Meer dan de helft van de deelnemers is het eens met de stelling.", series: "Aandeel deelnemers",
            rows: ("Eens", "Neutraal", "Oneens")),
        "fr": StarterTexts(
            title: "Notre nouvelle étude", description: "Les résultats de notre nouvelle enquête.",
            partners: "Les partenaires de cette étude.", citation: "Auteur (année). Titre de l'étude.",
            licence: "Les textes et les chiffres peuvent être réutilisés moyennant mention de la source.",
            source: "Enquête auprès des participants",
            publisher: "Nom de l'éditeur",
            homeTitle: "Notre nouvelle étude", homeDescription: "Les premiers résultats de notre nouvelle enquête, en quelques chiffres.",
            homeIntro: "Ce site vient d'être créé avec `rapport new`. Remplacez ce texte par l'introduction de l'étude.",
            homePages:
                "Chaque page existe dans chaque langue du site, sous le même nom de fichier dans le dossier de chaque langue (%folders%).",
            homeChart: "Le premier graphique se trouve dans le chapitre consacré aux %link%.", resultsWord: "résultats",
            resultsTitle: "Résultats", resultsSlug: "resultats",
            resultsDescription: "Ce que les participants ont répondu, en un graphique.",
            resultsHeading: "Ce que disent les participants",
            resultsBody:
                "Une majorité des participants, {{example-answers:agree:share}}, approuve l'affirmation. Les chiffres se trouvent dans `Content/data/results/`.",
            chartTitle: "D'accord avec l'affirmation", question: "Dans quelle mesure êtes-vous d'accord avec l'affirmation ?",
            finding: "Plus de la moitié des participants sont d'accord avec l'affirmation.", series: "Part des participants",
            rows: ("D'accord", "Neutre", "Pas d'accord")),
        "de": StarterTexts(
            title: "Unsere neue Studie", description: "Die Ergebnisse unserer neuen Umfrage.",
            partners: "Die Partner dieser Studie.", citation: "Autor (Jahr). Titel der Studie.",
            licence: "Texte und Zahlen dürfen mit Quellenangabe weiterverwendet werden.", source: "Umfrage unter den Teilnehmenden",
            publisher: "Name des Herausgebers",
            homeTitle: "Unsere neue Studie", homeDescription: "Die ersten Ergebnisse unserer neuen Umfrage, in wenigen Zahlen.",
            homeIntro: "Diese Website wurde gerade mit `rapport new` angelegt. Ersetzen Sie diesen Text durch die Einleitung der Studie.",
            homePages: "Jede Seite gibt es in jeder Sprache der Website, mit demselben Dateinamen im Ordner jeder Sprache (%folders%).",
            homeChart: "Die erste Grafik steht im Kapitel über die %link%.", resultsWord: "Ergebnisse",
            resultsTitle: "Ergebnisse", resultsSlug: "ergebnisse",
            resultsDescription: "Was die Teilnehmenden geantwortet haben, in einer Grafik.",
            resultsHeading: "Was die Teilnehmenden sagen",
            resultsBody:
                "Eine Mehrheit der Teilnehmenden, {{example-answers:agree:share}}, stimmt der Aussage zu. Die Zahlen stehen in `Content/data/results/`.",
            chartTitle: "Zustimmung zur Aussage", question: "Inwieweit stimmen Sie der Aussage zu?",
            finding: "Mehr als die Hälfte der Teilnehmenden stimmt der Aussage zu.", series: "Anteil der Teilnehmenden",
            rows: ("Stimme zu", "Neutral", "Stimme nicht zu")),
        "en": StarterTexts(
            title: "Our new study", description: "The results of our new survey.",
            partners: "The partners of this study.", citation: "Author (year). Title of the study.",
            licence: "Texts and figures may be reused with acknowledgement of the source.", source: "Survey of participants",
            publisher: "Name of the publisher",
            homeTitle: "Our new study", homeDescription: "The first results of our new survey, in a few figures.",
            homeIntro: "This site has just been created with `rapport new`. Replace this text with the introduction to the study.",
            homePages: "Every page exists in each language of the site, with the same file name in each language's folder (%folders%).",
            homeChart: "The first chart is in the %link% chapter.", resultsWord: "results",
            resultsTitle: "Results", resultsSlug: "results", resultsDescription: "What the participants answered, in one chart.",
            resultsHeading: "What the participants say",
            resultsBody:
                "A majority of the participants, {{example-answers:agree:share}}, agree with the statement. The figures are in `Content/data/results/`.",
            chartTitle: "Agreement with the statement", question: "To what extent do you agree with the statement?",
            finding: "More than half of the participants agree with the statement.", series: "Share of participants",
            rows: ("Agree", "Neutral", "Disagree")),
    ]
}
