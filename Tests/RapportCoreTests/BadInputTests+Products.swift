import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// Bad images, files and themes (issue 16), in the BadInput pattern: each breaks the minimal
/// site, gives its one exact diagnostic, and leaves Public/ as it was.
let productBadInputs: [BadInput] = [
    BadInput(
        name: "image file missing",
        change: {
            try $0.write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Zie ![Kaart](img/kaart.png)."))
        },
        expected:
            #"Content/nl/volunteers.md:6:5: error: link to a file that does not exist: "img/kaart.png" (put the file at Content/nl/img/kaart.png, or correct the link (it is relative to the chapter's folder))"#
    ),
    BadInput(
        name: "image without alt text",
        change: { site in
            try site.write("Content/files/kaart.svg", "<svg viewBox=\"0 0 4 3\"/>")
            try site.write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", "![](../files/kaart.svg)"))
        },
        expected:
            #"Content/nl/volunteers.md:6:1: error: image without alt text: "../files/kaart.svg" (describe what it shows, ![…](../files/kaart.svg), or mark it as decoration only: ![-](../files/kaart.svg))"#
    ),
    BadInput(
        name: "theme logo missing",
        change: { try $0.write("Content/site.yml", TestSite.siteYML + "\ntheme: {logo: files/logo.svg}\n") },
        expected:
            #"Content/site.yml:6:15: error: link to a file that does not exist: "files/logo.svg" (put the file at Content/files/logo.svg, or correct the link (it is relative to Content/))"#
    ),
    BadInput(
        name: "palette colour too light",
        change: { try $0.write("Content/site.yml", TestSite.siteYML + "\ntheme:\n  palettes: {categorical: [\"#FFD700\"]}\n") },
        expected:
            #"Content/site.yml:7:28: error: colour #FFD700 in palette categorical has a contrast of 1.40:1 with the white chart background; a fill needs at least 3:1 (choose a darker or more saturated colour (the theme section of Rapport's README gives the rules))"#
    ),
    BadInput(
        name: "study text in the UI strings",
        change: { site in
            let fr = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
            try site.write("Content/i18n/fr.yml", "chart_default_source: Enquête\n" + fr)
        },
        expected:
            #"Content/i18n/fr.yml:1:1: error: "chart_default_source" is a text of the study, not of the interface: it belongs in site.yml now (move it to site.yml as study: {source: {nl: …, fr: …}} and delete it here)"#
    ),
]

@Test(arguments: productBadInputs)
func productBadInputIsReportedAndKeepsOutput(_ input: BadInput) throws {
    try badInputIsReportedAndKeepsOutput(input)
}
