import SVGCharts

/// Realistic charts of the study, in both languages, for snapshots and screenshots.
enum Fixtures {
    static func t(_ locale: ChartLocale, _ nl: String, _ fr: String) -> String {
        locale == .nlBE ? nl : fr
    }

    static func all(_ l: ChartLocale) -> [(name: String, chart: Chart)] {
        [
            ("bars", volunteerTasks(l)),
            ("bars-panels", tasksByLanguage(l)),
            ("stacked-bars-frequency", challenges(l)),
            ("stacked-bars-agreement", statements(l)),
            ("stacked-columns", contactBySegment(l, segments: 3)),
            ("stacked-columns-many", contactBySegment(l, segments: 8)),
            ("paired-bars", income(l)),
            ("donut", legalForm(l)),
            ("figures", keyFigures(l)),
        ]
    }

    static func volunteerTasks(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .bars, id: "chart-volunteer-tasks",
            title: t(l, "Taken die vrijwilligers opnemen", "Tâches assumées par les volontaires"),
            description: t(
                l, "Lotgenotencontact is de taak die het vaakst door vrijwilligers wordt opgenomen (n=118).",
                "Le contact entre pairs est la tâche la plus souvent assumée par des volontaires (n=118)."),
            locale: l, unit: .percent,
            categories: [
                ChartCategory(label: t(l, "Lotgenotencontact", "Contact entre pairs")),
                ChartCategory(label: t(l, "Evenementen organiseren", "Organisation d'événements")),
                ChartCategory(
                    label: t(
                        l, "Informatie geven aan patiënten en hun naasten via telefoon, e-mail of website",
                        "Information aux patients et à leurs proches par téléphone, courriel ou site web"), mark: "*"),
                ChartCategory(label: t(l, "Administratie", "Administration")),
                ChartCategory(label: t(l, "Belangenbehartiging", "Défense des intérêts")),
                ChartCategory(label: t(l, "Fondsenwerving", "Recherche de fonds"), lowBase: true),
                ChartCategory(label: t(l, "Andere", "Autre")),
            ],
            series: [ChartSeries(label: t(l, "Aandeel verenigingen", "Part des associations"))],
            values: [[72], [64], [52], [41], [38], [17], [3]]
        )
    }

    static func tasksByLanguage(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .bars, id: "chart-tasks-by-language",
            title: t(l, "Taken van vrijwilligers per taalgroep", "Tâches des volontaires par groupe linguistique"),
            description: t(
                l, "Franstalige verenigingen zetten vrijwilligers vaker in voor administratie (n=118).",
                "Les associations francophones confient plus souvent l'administration à des volontaires (n=118)."),
            locale: l, unit: .percent,
            categories: [
                ChartCategory(label: t(l, "Lotgenotencontact", "Contact entre pairs")),
                ChartCategory(label: t(l, "Evenementen organiseren", "Organisation d'événements")),
                ChartCategory(label: t(l, "Administratie", "Administration"), mark: "*"),
                ChartCategory(label: t(l, "Fondsenwerving", "Recherche de fonds")),
            ],
            series: [
                ChartSeries(label: t(l, "Totaal", "Total"), role: .total),
                ChartSeries(label: t(l, "Nederlandstalig", "Néerlandophones")),
                ChartSeries(label: t(l, "Franstalig", "Francophones")),
            ],
            values: [[72, 75, 68], [64, 61, 69], [41, 33, 52], [17, 20, nil]]
        )
    }

    static func challenges(_ l: ChartLocale) -> Chart {
        let items: [(String, String)] = [
            ("Nieuwe vrijwilligers vinden", "Trouver de nouveaux volontaires"),
            ("Vrijwilligers behouden", "Garder les volontaires"),
            ("Financiële middelen vinden voor de werking", "Trouver des moyens financiers pour le fonctionnement"),
            ("Nieuwe leden bereiken", "Atteindre de nouveaux membres"),
            ("Een opvolger vinden voor de voorzitter", "Trouver un successeur à la présidence"),
            ("Samenwerken met zorgverleners", "Collaborer avec les prestataires de soins"),
            ("Gehoord worden door de overheid", "Être entendu par les pouvoirs publics"),
            ("Administratieve verplichtingen (vzw-wetgeving, GDPR)", "Obligations administratives (législation asbl, RGPD)"),
            ("Digitale communicatie", "Communication numérique"),
            ("Jongeren aanspreken", "Toucher les jeunes"),
            ("Samenwerken met andere verenigingen", "Collaborer avec d'autres associations"),
            ("Een lokaal vinden", "Trouver un local"),
            ("Verzekeringen", "Assurances"),
            ("Conflicten binnen het bestuur", "Conflits au sein du conseil d'administration"),
        ]
        let values: [[Double?]] = [
            [8, 15, 30, 44, 3], [10, 22, 35, 30, 3], [12, 20, 33, 31, 4], [9, 25, 38, 24, 4],
            [20, 18, 27, 30, 5], [25, 35, 28, 9, 3], [15, 21, 30, 26, 8], [18, 30, 31, 17, 4],
            [22, 38, 27, 10, 3], [14, 20, 34, 22, 10], [30, 40, 21, 6, 3], [52, 22, 12, 6, 8],
            [48, 31, 13, 2, 6], [61, 25, 8, 1, 5],
        ]
        return Chart(
            kind: .stackedBars, id: "chart-challenges",
            title: t(l, "Hoe vaak verenigingen deze uitdagingen ervaren", "Fréquence de ces défis pour les associations"),
            description: t(
                l, "Nieuwe vrijwilligers vinden is voor 74% van de verenigingen vaak of altijd een uitdaging (n=162).",
                "Trouver de nouveaux volontaires est souvent ou toujours un défi pour 74 % des associations (n=162)."),
            locale: l, unit: .percent, scale: .frequency,
            categories: items.enumerated().map { i, item in
                ChartCategory(label: t(l, item.0, item.1), mark: i == 2 ? "*" : nil, lowBase: i == 13)
            },
            series: [
                ChartSeries(label: t(l, "Nooit", "Jamais")),
                ChartSeries(label: t(l, "Soms", "Parfois")),
                ChartSeries(label: t(l, "Vaak", "Souvent")),
                ChartSeries(label: t(l, "Altijd", "Toujours")),
                ChartSeries(label: t(l, "Weet niet", "Ne sait pas"), role: .dontKnow),
            ],
            values: values,
            reconstructed: [ValuePosition(category: 0, series: 3)]
        )
    }

    static func statements(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .stackedBars, id: "chart-statements",
            title: t(l, "Stellingen over de samenwerking met de overheid", "Affirmations sur la collaboration avec les pouvoirs publics"),
            description: t(
                l, "Twee op de drie verenigingen vinden dat de overheid hen te weinig betrekt (n=162).",
                "Deux associations sur trois estiment que les pouvoirs publics les impliquent trop peu (n=162)."),
            locale: l, unit: .percent, decimals: 1, scale: .agreement,
            categories: [
                ChartCategory(label: t(l, "De overheid betrekt ons te weinig", "Les pouvoirs publics nous impliquent trop peu")),
                ChartCategory(label: t(l, "Subsidies zijn te complex", "Les subsides sont trop complexes"), mark: "*"),
                ChartCategory(label: t(l, "We worden gehoord in adviesraden", "Nous sommes entendus dans les conseils consultatifs")),
            ],
            series: [
                ChartSeries(label: t(l, "Helemaal niet akkoord", "Pas du tout d'accord")),
                ChartSeries(label: t(l, "Niet akkoord", "Pas d'accord")),
                ChartSeries(label: t(l, "Neutraal", "Neutre")),
                ChartSeries(label: t(l, "Akkoord", "D'accord")),
                ChartSeries(label: t(l, "Helemaal akkoord", "Tout à fait d'accord")),
                ChartSeries(label: t(l, "Geen mening", "Sans opinion"), role: .dontKnow),
            ],
            values: [[4.3, 10.5, 15.4, 38.3, 27.8, 3.7], [2.5, 8.6, 20.4, 35.2, 30.2, 3.1], [18.5, 29.6, 22.2, 17.3, 4.9, 7.5]]
        )
    }

    static func contactBySegment(_ l: ChartLocale, segments: Int) -> Chart {
        let all: [(String, String, Bool)] = [
            ("Totaal", "Total", false), ("NL", "NL", false), ("FR", "FR", true),
            ("0-9 jaar", "0-9 ans", false), ("10-29 jaar", "10-29 ans", false), ("30+ jaar", "30+ ans", false),
            ("Met personeel", "Avec personnel", false), ("Zonder personeel", "Sans personnel", false),
        ]
        let values: [[Double?]] = [
            [12, 31, 45, 12], [10, 30, 48, 12], [16, 33, 39, 12], [20, 35, 35, 10],
            [11, 30, 47, 12], [7, 28, 50, 15], [5, 22, 58, 15], [15, 34, 40, 11],
        ]
        return Chart(
            kind: .stackedColumns, id: segments == 3 ? "chart-contact" : "chart-contact-all",
            title: t(l, "Contact met leden per segment", "Contact avec les membres par segment"),
            description: t(
                l, "Bijna de helft van de verenigingen heeft maandelijks contact met de leden (n=162).",
                "Près de la moitié des associations ont un contact mensuel avec leurs membres (n=162)."),
            locale: l, unit: .percent, scale: .frequency,
            categories: all.prefix(segments).map { ChartCategory(label: t(l, $0.0, $0.1), lowBase: $0.2) },
            series: [
                ChartSeries(label: t(l, "Jaarlijks", "Annuel")),
                ChartSeries(label: t(l, "Driemaandelijks", "Trimestriel")),
                ChartSeries(label: t(l, "Maandelijks", "Mensuel")),
                ChartSeries(label: t(l, "Wekelijks", "Hebdomadaire")),
            ],
            values: Array(values.prefix(segments))
        )
    }

    static func income(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .pairedBars, id: "chart-income-sources",
            title: t(l, "Inkomstenbronnen in 2009 en 2023", "Sources de revenus en 2009 et en 2023"),
            description: t(
                l, "Giften zijn sinds 2009 de belangrijkste inkomstenbron geworden (n=162).",
                "Depuis 2009, les dons sont devenus la principale source de revenus (n=162)."),
            locale: l, unit: .percent,
            categories: [
                ChartCategory(label: t(l, "Giften", "Dons")),
                ChartCategory(label: t(l, "Lidgeld", "Cotisations")),
                ChartCategory(label: t(l, "Subsidies", "Subsides"), mark: "*"),
                ChartCategory(label: t(l, "Farmaceutische industrie", "Industrie pharmaceutique")),
                ChartCategory(label: t(l, "Sponsoring", "Sponsoring / parrainage")),
            ],
            series: [ChartSeries(label: "2009"), ChartSeries(label: "2023")],
            values: [[55, 71], [68, 64], [40, 46], [31, 18], [22, 25]],
            reconstructed: [ValuePosition(category: 3, series: 0)]
        )
    }

    static func legalForm(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .donut, id: "chart-legal-form",
            title: t(l, "Rechtsvorm van de verenigingen", "Forme juridique des associations"),
            description: t(
                l, "Vier op de vijf verenigingen zijn een vzw (n=162).",
                "Quatre associations sur cinq sont des asbl (n=162)."),
            locale: l, unit: .percent, decimals: 1,
            categories: [
                ChartCategory(label: t(l, "vzw", "asbl")),
                ChartCategory(label: t(l, "Feitelijke vereniging", "Association de fait")),
                ChartCategory(label: t(l, "Stichting", "Fondation")),
                ChartCategory(label: t(l, "Andere", "Autre")),
            ],
            series: [ChartSeries(label: t(l, "Aandeel", "Part"))],
            values: [[79.6], [14.2], [4.3], [1.9]],
            reconstructed: [ValuePosition(category: 2, series: 0)]
        )
    }

    static func keyFigures(_ l: ChartLocale) -> Chart {
        Chart(
            kind: .figures, id: "chart-key-figures",
            title: t(l, "Kerncijfers", "Chiffres clés"),
            locale: l, unit: .count,
            categories: [
                ChartCategory(label: t(l, "respondenten", "répondants")),
                ChartCategory(label: t(l, "mediaan aantal vrijwilligers per vereniging", "nombre médian de volontaires par association")),
                ChartCategory(label: t(l, "gemiddeld jaarbudget", "budget annuel moyen"), unit: .euro),
                ChartCategory(label: t(l, "betaald personeel (mediaan)", "personnel rémunéré (médiane)"), unit: .fte),
            ],
            series: [ChartSeries(label: t(l, "Waarde", "Valeur"))],
            values: [[162], [9], [21_450], [4]]
        )
    }
}
