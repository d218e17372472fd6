/// The wording of every diagnostic Rapport prints lives in this folder, and only here.
///
/// Where a problem is found, the code says *which* problem it is and with *what* (names,
/// values, counts, paths): a case of `Problem` with plain data, e.g.
///
///     diagnostics.append(.error(cell.location, .csv(.notANumber(value: "8O", decimalComma: false))))
///
/// Here each case is worded: its `message` (what is wrong) and its `fix` (what to do), as one
/// exhaustive `switch` per family, so that all of a family's sentences are read side by side
/// and a new case cannot be added without its words (as swift-argument-parser's
/// `ErrorMessageGenerator`). A test or a caller that needs to know which problem a diagnostic
/// is switches on `diagnostic.problem`, never on its text.
///
/// One file per family, from the bottom of the pipeline up:
///
/// | family | file | what it is about |
/// |---|---|---|
/// | `FileProblem` | FileProblem.swift | reading a file: refused, too large, not UTF-8, invisible characters |
/// | `YAMLProblem` | YAMLProblem.swift | YAML syntax (libyaml's errors in an editor's words) and shape (a text, a number, known keys) |
/// | `CSVProblem` | CSVProblem.swift | a dataset's CSV file: cells, columns, rows, numbers |
/// | `DatasetProblem` | DatasetProblem.swift | a dataset's YAML file, its files, its values against each other |
/// | `ReferenceProblem` | ReferenceProblem.swift | values taken from elsewhere (`volunteer-tasks:board:share`, `study:answered`), study.yml |
/// | `SiteProblem` | SiteProblem.swift | site.yml, the theme, the study's texts, the interface texts, languages |
/// | `PageProblem` | PageProblem.swift | chapters as files: front matter, names, slugs, orders, translations, drafts |
/// | `LinkProblem` | LinkProblem.swift | a chapter's links and images, and the files of `Content/` they lead to |
/// | `MarkdownProblem` | MarkdownProblem.swift | a chapter's text: placeholders, data references, chart blocks, datasets used |
/// | `TemplateProblem` | TemplateProblem.swift | the Mustache templates and what they use |
/// | `OutputProblem` | OutputProblem.swift | what a build makes and keeps: pictures, PDF, values, files beside the output |
/// | `TranslationProblem` | TranslationProblem.swift | translations behind their source, the record, XLIFF import |
///
/// The words shared by several families are in Suggestions.swift ("did you mean …?", the list
/// of names to choose from) and Words.swift (plurals, lists, a language's name). A library's
/// own free-form text (libyaml's problem, the template parser's message, librsvg's, the
/// system's `strerror`) is carried as a `String` inside a case: it is data here, worded there.
///
/// Names inside a case are plain data as the caller has them: keys, values as written, paths
/// as shown, languages by English name (`LanguageName` when the code is needed too), and
/// `field`, how a YAML value is named where it is read (`theme colour accent`).
public enum Problem: Error, Hashable, Sendable {
    case file(FileProblem)
    case yaml(YAMLProblem)
    case csv(CSVProblem)
    case dataset(DatasetProblem)
    case reference(ReferenceProblem)
    case site(SiteProblem)
    case page(PageProblem)
    case link(LinkProblem)
    case markdown(MarkdownProblem)
    case template(TemplateProblem)
    case output(OutputProblem)
    case translation(TranslationProblem)
    /// The one line that stands for the diagnostics of one kind left out in a file
    /// (`Array.capped`).
    case omitted(count: Int, severity: Diagnostic.Severity)

    /// What is wrong, in one clause: `value "8O" is not a number`.
    public var message: String {
        switch self {
        case let .file(problem): problem.message
        case let .yaml(problem): problem.message
        case let .csv(problem): problem.message
        case let .dataset(problem): problem.message
        case let .reference(problem): problem.message
        case let .site(problem): problem.message
        case let .page(problem): problem.message
        case let .link(problem): problem.message
        case let .markdown(problem): problem.message
        case let .template(problem): problem.message
        case let .output(problem): problem.message
        case let .translation(problem): problem.message
        case let .omitted(count, severity):
            "… and \(groupedThousands(count)) more like the \(severity == .error ? "errors" : "warnings") above in this file"
        }
    }

    /// The message and its fix in parentheses, as a diagnostic prints them after its place.
    public var sentence: String { message + (fix.map { " (\($0))" } ?? "") }

    /// What to do about it, when there is something to say: `write digits with a decimal point, e.g. 12.5`.
    public var fix: String? {
        switch self {
        case let .file(problem): problem.fix
        case let .yaml(problem): problem.fix
        case let .csv(problem): problem.fix
        case let .dataset(problem): problem.fix
        case let .reference(problem): problem.fix
        case let .site(problem): problem.fix
        case let .page(problem): problem.fix
        case let .link(problem): problem.fix
        case let .markdown(problem): problem.fix
        case let .template(problem): problem.fix
        case let .output(problem): problem.fix
        case let .translation(problem): problem.fix
        case .omitted: "fix the first ones and run again"
        }
    }
}
