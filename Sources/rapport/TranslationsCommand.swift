import ArgumentParser
import Foundation
import RapportCore

/// `rapport translations`: which translations are up to date, marking them done, what changed.
struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "The status of every translation (up to date, behind its source, never marked); done, diff, export, import.",
        subcommands: [Status.self, Done.self, Diff.self, Export.self, Import.self], defaultSubcommand: Status.self)

    struct Place: ParsableArguments {
        @Option(help: "The content folder.") var content = "Content"
        @Option(help: "The templates folder.") var templates = "Templates"
        var translations: Translations {
            Translations(content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every page, dataset and UI file per language: up to date, behind in N sections, never marked.")
        @OptionGroup var place: Place
        func run() throws {
            let translations = place.translations
            for problem in translations.recordProblems { TerminalOutput.write(problem.lines, error: true) }
            TerminalOutput.write(translations.status())
        }
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that these translations are made from their source as it is now (Content/translations.yml).")
        @OptionGroup var place: Place
        @Argument(help: "Translated files: Content/fr/finances.md, a dataset's .yml or .csv, Content/i18n/fr.yml.") var files: [String] = []
        @Flag(help: "Every translation of the site.") var all = false
        @Option(help: "Only the translation into this language (for a dataset, which holds every language).") var to: String?
        func validate() throws {
            if files.isEmpty != all { throw ValidationError("name the translated files, or --all") }
        }
        func run() throws {
            try finish(place.translations.done(files, all: all, language: to))
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the source's changes since the translation was marked done (no git needed).")
        @OptionGroup var place: Place
        @Argument(help: "A translated file.") var file: String
        @Option(help: "Only the translation into this language (for a dataset).") var to: String?
        func run() throws {
            try finish(place.translations.diff(file, language: to))
        }
    }
}

extension TranslationsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an XLIFF 1.2 file of the texts of a language that are new or behind their source, for a translation agency.")
        @OptionGroup var place: Place
        @Option(help: "The language to translate into (fr).") var to: String
        @Option(help: "The XLIFF file to write (default: translations-<language>.xlf).") var output: String?
        func run() throws {
            try finish(place.translations.export(to: to, output: URL(fileURLWithPath: output ?? "translations-\(to).xlf")))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the translations of an XLIFF file into the content, and mark done what it translates completely.")
        @OptionGroup var place: Place
        @Argument(help: "The translated XLIFF file.") var file: String
        func run() throws {
            let outcome = place.translations.importXLIFF(URL(fileURLWithPath: file))
            for diagnostic in outcome.diagnostics { TerminalOutput.write(diagnostic.lines, error: true) }
            TerminalOutput.write(outcome.lines)
            if outcome.diagnostics.contains(where: { $0.severity == .error }) {
                let count = outcome.diagnostics.count
                TerminalOutput.write(["nothing written: \(count) problem\(count == 1 ? "" : "s") in \(file)"], error: true)
                throw ExitCode(1)
            }
        }
    }
}

func finish(_ result: Result<[String], Translations.Problem>) throws {
    switch result {
    case let .success(lines): TerminalOutput.write(lines)
    case let .failure(problem):
        TerminalOutput.write(["error: \(problem.message)"], error: true)
        throw ExitCode(1)
    }
}
