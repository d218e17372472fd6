/// What a build makes and keeps: the charts' pictures, the whole report's PDF, the values of
/// the last build, the folders beside the output.
public enum OutputProblem: Hashable, Sendable {
    /// SVGCharts cannot draw chart `id`: its `reason`, in its words.
    case cannotDrawChart(id: String, reason: String)
    /// librsvg, cairo or libpng cannot make a picture's PNG: their `reason`, in their words.
    case cannotMakePNG(Picture, reason: String)
    /// The pictures' store (`path`) is not a folder.
    case pictureStoreUnusable(path: String)
    case pictureNotKept
    /// The PDF `rapport pdf` printed is not a plain file: not published.
    case printedReportRefused(FileRefusal)
    /// A PDF printed from an earlier text of `page`.
    case printedReportOutdated(page: String)
    /// The values of the last build (`.Public.values`) are not a plain file.
    case valuesRefused(FileRefusal)

    /// A picture Rapport draws.
    public enum Picture: Hashable, Sendable {
        case chart(String)
        /// The card shown when a page of `language` is shared.
        case titleCard(language: String)
    }

    public var message: String {
        switch self {
        case let .cannotDrawChart(id, reason): "cannot draw chart \"\(id)\": \(reason)"
        case let .cannotMakePNG(picture, reason): "cannot make the PNG of \(picture.name): \(reason)"
        case .pictureStoreUnusable: "the pictures' store is not a folder Rapport can use: every PNG is made again in this build"
        case .pictureNotKept: "cannot keep a chart's PNG in the pictures' store: it is made again in the next build"
        case let .printedReportRefused(refusal): refusal.reason + ": the whole report's PDF is not published"
        case let .printedReportOutdated(page): "the PDF of \(page) is out of date: run rapport pdf"
        case let .valuesRefused(refusal): refusal.reason + ": what changed since the last build is not reported"
        }
    }

    public var fix: String? {
        switch self {
        case .cannotDrawChart, .printedReportOutdated: nil
        case .cannotMakePNG: "check that librsvg2 is installed (make deps)"
        case let .pictureStoreUnusable(path): "remove or rename \(path); Rapport makes the folder itself"
        case .pictureNotKept: "check that the folder is writable"
        case .printedReportRefused: "run rapport pdf again, which prints it there as a plain file"
        case .valuesRefused: "rapport keeps the values of this build there instead"
        }
    }
}

extension OutputProblem.Picture {
    var name: String {
        switch self {
        case let .chart(id): "chart \"\(id)\""
        case let .titleCard(language): "the title card of \(language)"
        }
    }
}
