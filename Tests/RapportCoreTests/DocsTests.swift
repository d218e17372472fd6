import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// Docs that cannot drift: every example in README.md and docs/datasets.md is taken from the
/// study's files, or made here by the test suite and compared with what Rapport says.
///
/// - a block whose introduction names a file of `Content/` is lines of that file, in order (a
///   line ending in `…` is the start of the real line; a YAML line may add `  # a comment`);
/// - a block of diagnostics is what a row of the bad-input tables expects;
/// - every chart block and `{{…}}` of the docs builds on a page of the study without an error;
/// - the error and the what-changed report of the README are Rapport's output for the mistake
///   and the change they describe.
@Suite struct DocsTests {
    static let documents = ["README.md", "docs/datasets.md"]

    struct Block {
        var document: String
        var info: String
        var lines: [String]
        /// The text between the previous block (or heading) and this one.
        var intro: String
        /// The last heading above it.
        var heading: String
        /// The file of `Content/` it is taken from, when its introduction names one.
        var source: String? {
            (heading + "\n" + intro).components(separatedBy: "`").filter {
                $0.range(of: #"^Content/\S+\.(md|yml|csv)$"#, options: .regularExpression) != nil
            }.last
        }
    }

    /// The fenced blocks of a Markdown file (fences of three or more backticks, indented or not).
    static func blocks(of document: String) throws -> [Block] {
        let text = try String(contentsOf: TestSite.repository.appendingPathComponent(document), encoding: .utf8)
        var blocks: [Block] = []
        var intro: [String] = []
        var heading = ""
        var open: (fence: String, indent: Int, info: String, lines: [String])?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if var block = open {
                if trimmed.hasPrefix(block.fence), trimmed.allSatisfy({ $0 == "`" }) {
                    blocks.append(
                        Block(
                            document: document, info: block.info, lines: block.lines, intro: intro.joined(separator: "\n"), heading: heading
                        ))
                    intro = []
                    open = nil
                } else {
                    block.lines.append(String(line.dropFirst(min(block.indent, indent))))
                    open = block
                }
                continue
            }
            if trimmed.hasPrefix("```") {
                let fence = String(trimmed.prefix { $0 == "`" })
                open = (fence, indent, String(trimmed.dropFirst(fence.count)).trimmingCharacters(in: .whitespaces), [])
                continue
            }
            if line.hasPrefix("#") { heading = line; intro = [] } else { intro.append(line) }
        }
        return blocks
    }

    static var allBlocks: [Block] { documents.flatMap { (try? blocks(of: $0)) ?? [] } }

    /// A copy of the study (its Content/ and Templates/) in a temporary folder.
    static func study() throws -> TestSite {
        let site = try TestSite([:], withDefaults: false)
        for folder in ["Content", "Templates"] {
            try FileManager.default.copyItem(
                at: TestSite.repository.appendingPathComponent(folder).resolvingSymlinksInPath(),
                to: site.root.appendingPathComponent(folder))
        }
        return site
    }

    /// `original` made `mistake` in a file of the copy; the original must be there.
    static func change(_ site: TestSite, _ path: String, _ original: String, to mistake: String) throws {
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        let range = try #require(text.range(of: original), "\(path) no longer has \(original)")
        try site.write(path, text.replacingCharacters(in: range, with: mistake))
    }

    static func isDiagnostic(_ line: String) -> Bool {
        line.range(of: #"^\S+:\d+:\d+: (error|warning): "#, options: .regularExpression) != nil
    }

    @Test func dataExamplesAreLinesOfTheStudy() throws {
        var checked = 0
        for block in Self.allBlocks {
            guard let file = block.source else { continue }
            guard let text = try? String(contentsOf: TestSite.repository.appendingPathComponent(file), encoding: .utf8) else {
                Issue.record("\(block.document): the block under \(block.heading) is from \(file), which does not exist")
                continue
            }
            let real = text.components(separatedBy: "\n")
            let lines = block.lines.filter { !$0.isEmpty }
            func matches(_ line: String, _ realLine: String) -> Bool {
                if line == realLine { return true }
                if line.hasSuffix("…") { return realLine.hasPrefix(String(line.dropLast())) }
                if let comment = line.range(of: #"\s{2,}# .*$"#, options: .regularExpression) {
                    return String(line[..<comment.lowerBound])
                        == realLine.replacingOccurrences(of: #"\s{2,}# .*$"#, with: "", options: .regularExpression)
                }
                return false
            }
            let start = try #require(real.firstIndex { matches(lines[0], $0) }, "\(block.document): \(lines[0]) is not in \(file)")
            for (offset, line) in lines.enumerated() {
                #expect(
                    start + offset < real.count && matches(line, real[start + offset]),
                    "\(block.document): \(line) is not line \(start + offset + 1) of \(file)")
            }
            checked += 1
        }
        #expect(checked >= 10, "every excerpt names its file")
        // Data and front matter are never made up: each such block names the file it is from.
        for block in Self.allBlocks
        where (["yaml", "csv"].contains(block.info) || block.lines.first == "---")
            && !Self.builtByOtherTests.contains(block.heading)
        {
            #expect(
                block.source != nil || block.lines.joined().contains("{{"),
                "\(block.document): a \(block.info) block under \(block.heading) names no file of Content/")
        }
    }

    /// Sections whose examples are no excerpt of the study but are built, as they stand, by
    /// another test: the `study:` and `theme:` blocks (ThemeTests.theREADMEExamplesBuild).
    static let builtByOtherTests: Set<String> = ["### The study's texts and the theme"]

    @Test func diagnosticExamplesAreThoseOfTheBadInputTables() {
        let known = Set((badInputs + badInputWarnings).flatMap { [$0.expected] + $0.alsoExpected })
        var checked = 0
        for block in Self.allBlocks where !block.lines.isEmpty && block.lines.filter({ !$0.isEmpty }).allSatisfy(Self.isDiagnostic) {
            for line in block.lines where !line.isEmpty {
                #expect(known.contains(line), "\(block.document): \(line) is not a row of BadInputTests")
                checked += 1
            }
        }
        #expect(checked >= 3)
    }

    /// Every `{{…}}` and chart block of the docs, on a page of the study in both languages.
    @Test func chartAndPlaceholderExamplesNameRealData() throws {
        var placeholders: Set<String> = []
        var numbers: Set<String> = []
        var charts: Set<String> = []
        let data = TestSite.repository.appendingPathComponent("Content/data")
        let datasetIds = Set(
            (FileManager.default.subpaths(atPath: data.path) ?? []).filter { $0.hasSuffix(".yml") }
                .map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        for document in Self.documents {
            let text = try String(contentsOf: TestSite.repository.appendingPathComponent(document), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"\{\{[^{}`]*\}\}"#)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let placeholder = String(text[Range(match.range, in: text)!])
                let inside = placeholder.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
                // The forms the docs explain with: {{dataset:row}}, {{…}}, {{ }}.
                // `{{t_…}}` names a UI string in a template, not a placeholder of a page.
                if inside.isEmpty || inside.contains("…") || inside.hasPrefix("dataset:") || inside.hasPrefix("\\(")
                    || inside.hasPrefix("t_")
                {
                    continue
                }
                placeholders.insert(placeholder)
            }
            // A bare reference (`volunteer-tasks:board`, `study:contacted`) to a dataset of the
            // study: the words are those of a placeholder.
            for code in text.components(separatedBy: "`").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element)
            where code.range(of: #"^[a-z0-9-]+(:[a-z0-9-]+){1,2}$"#, options: .regularExpression) != nil {
                let id = String(code.prefix { $0 != ":" })
                guard id == "study" || datasetIds.contains(id) else { continue }
                // `:base` and `:n` are taken where a number goes: in a CSV value cell.
                if code.hasSuffix(":base") || code.hasSuffix(":n") { numbers.insert(code) } else { placeholders.insert("{{\(code)}}") }
            }
            for line in text.components(separatedBy: "\n") {
                // A chart block (not the source line of an error example, indented by four).
                let trimmed = line.drop { $0 == " " }
                if line.count - trimmed.count < 4, trimmed.hasPrefix("```chart ") { charts.insert(String(trimmed.dropFirst(9))) }
            }
        }
        #expect(placeholders.count >= 10 && !charts.isEmpty, "\(placeholders) \(charts)")
        let site = try Self.study()
        defer { site.cleanUp() }
        #expect(numbers.count >= 2, "\(numbers)")
        try site.write(
            "Content/data/docs/docs-references.yml",
            "kind: figures\ntitle: {nl: Verwijzingen, fr: Références}\nunit: count\nseries:\n  - {key: value, nl: Waarde, fr: Valeur}\n")
        try site.write(
            "Content/data/docs/docs-references.csv",
            "key,nl,fr,value\n" + numbers.sorted().enumerated().map { "r\($0.offset),R,R,\($0.element)\n" }.joined())
        charts.insert("docs-references")
        let body =
            placeholders.sorted().joined(separator: "\n\n") + "\n\n"
            + charts.sorted().map { "```chart \($0)\n```" }.joined(separator: "\n\n")
        for (language, title) in [("nl", "Voorbeelden"), ("fr", "Exemples")] {
            try site.write("Content/\(language)/docs-examples.md", TestSite.page(title, order: 99, body))
        }
        let result = site.build(write: false)
        #expect(site.messages(result).filter { $0.contains(": error: ") } == [])
    }

    /// The YAML notes of docs/datasets.md, put into the study's `volunteer-tasks.yml`, build.
    @Test func yamlNotesExampleBuildsInTheStudy() throws {
        let block = try #require(Self.allBlocks.first { $0.info == "yaml" && $0.lines.first == "notes:" && $0.source == nil })
        let site = try Self.study()
        defer { site.cleanUp() }
        let path = "Content/data/organisation/volunteer-tasks.yml"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        let notes = try #require(text.range(of: "notes:\n"))
        try site.write(path, String(text[..<notes.lowerBound]) + block.lines.joined(separator: "\n") + "\n")
        let result = site.build(write: false)
        #expect(site.messages(result).filter { $0.contains(": error: ") } == [])
    }

    /// "Reading an error": the README shows what `rapport check` prints for these two mistakes.
    @Test func readmeErrorIsWhatRapportPrints() throws {
        let block = try #require(Self.allBlocks.first { $0.heading == "### Reading an error" })
        let site = try Self.study()
        defer { site.cleanUp() }
        try Self.change(site, "Content/data/organisation/volunteer-tasks.csv", "d’administration,87\n", to: "d’administration,8O\n")
        try Self.change(site, "Content/fr/finances.md", "```chart income-sources-2009-2023\n", to: "```chart income-sourses-2009-2023\n")
        let result = site.build(write: false)
        let printed = result.diagnostics.map { $0.detailed.replacingOccurrences(of: site.root.path + "/", with: "") }
        #expect(block.lines.joined(separator: "\n") == printed.joined(separator: "\n"))
    }

    /// The what-changed report of the README is what a rebuild prints after that change.
    @Test func readmeWhatChangedIsWhatRapportPrints() throws {
        let block = try #require(Self.allBlocks.first { $0.lines.first?.hasPrefix("what changed since the last build") == true })
        let site = try Self.study()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        try Self.change(
            site, "Content/data/organisation/volunteer-tasks.csv", "board,Bestuurslid,Membre du conseil d’administration,87\n",
            to: "board,Bestuurslid,Membre du conseil d’administration,85\n")
        let result = site.build()
        #expect(result.succeeded)
        #expect(block.lines == result.changes.map { $0.replacingOccurrences(of: site.root.path + "/", with: "") })
    }

    /// Followed literally by a new editor (issue 16): "Start a new study" said `rapport new …`
    /// without saying where `rapport` is (nothing installs it), and the upload example sent the
    /// build's marker file `.rapport-build` to the host.
    @Test func readmeNewStudyAndPublishingWorkAsWritten() throws {
        let readme = try String(contentsOf: TestSite.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Start a new study"))
        let section = String(readme[start.upperBound...]).components(separatedBy: "\n## ").first ?? ""
        let command = try #require(section.range(of: "rapport new ../my-study"))
        #expect(section[..<command.lowerBound].contains("`.build/release/rapport`"), "say where the tool is before using it")
        let blocks = try Self.blocks(of: "README.md").filter { $0.heading == "## Publishing" }
        let upload = try #require(blocks.flatMap(\.lines).first { $0.contains("rsync") && $0.contains("Public/") })
        #expect(upload.contains("--exclude .rapport-build"), "\(upload)")
    }
}
