/// A link or an image in a chapter, and the file of `Content/` it leads to.
///
/// `path` is the link as written; `content` is how the content folder is shown (`Content/`).
public enum LinkProblem: Hashable, Sendable {
    case outsideContent(path: String, content: String)
    /// No file at `expected`. `inChapter`: the link is relative to a chapter's folder (else to
    /// `content`); `suggestion`: a file of that folder with a close name; `contentRelative`: the
    /// link that reaches the file when it was written relative to `content` from the chapter
    /// (whose folder is `chapterFolder`).
    case missingFile(
        path: String, expected: String, inChapter: Bool, content: String, suggestion: String?, contentRelative: String?,
        chapterFolder: String?)
    case folder(path: String, shown: String)
    case special(path: String, FileRefusal.SpecialFile, shown: String)
    case tooLarge(path: String, size: Int, limit: FileLimit)
    case linkOutside(path: String, content: String)
    /// Any other reason the file is not read.
    case refused(path: String, FileRefusal)
    case imageFormat(path: String)
    /// `ending`: the file's extension (`svg`, `png`).
    case imageSizeUnreadable(path: String, ending: String)
    case imageTooLarge(path: String, width: Int, height: Int, maximum: Int)
    /// An SVG's `width` or `height` (`attribute`) that is not a length, or out of 1…`maximum`.
    case svgLength(attribute: String, value: String, outOfRange: Bool, maximum: Int)
    case viewBox(String, notNumbers: Bool)
    case scriptInSVG(SVGScript)
    /// A link to a page held back as a draft (`draftAt`, in `draftFile`).
    case toDraft(path: String, draftAt: String, draftFile: String)
    case missingPage(path: String, suggestion: String?, language: String)
    case noAltText(url: String)
    /// A link from the root of the host; the better link to a chapter (`chapter`) or to a file
    /// of `Content/` (`file`), when it leads to one.
    case rootAbsolute(url: String, chapter: String?, file: String?)
    /// `#anchor` of `page` is not one of its `headings`.
    case missingHeading(anchor: String, page: String, suggestion: String?, headings: [String])

    /// What in an SVG file runs script.
    public enum SVGScript: Hashable, Sendable {
        case element(String)
        case eventAttribute(String)
        case animatedEventAttribute(String)
        case javascriptURL(attribute: String)
        case scriptInAttribute(String)
    }

    public var message: String {
        switch self {
        case let .outsideContent(path, content): "link to a file outside \(content): \"\(path)\""
        case let .missingFile(path, _, _, _, _, _, _): "link to a file that does not exist: \"\(path)\""
        case let .folder(path, _): "link to a folder, not a file: \"\(path)\""
        case let .special(path, kind, _): "link to \(kind.name), not a file: \"\(path)\""
        case let .tooLarge(path, size, limit): "\"\(path)\" is \(overLimit(size, limit))"
        case let .linkOutside(path, content): "symbolic link pointing outside \(content) is not read: \"\(path)\""
        case let .refused(path, refusal): "\(refusal.reason): \"\(path)\""
        case let .imageFormat(path): "image \"\(path)\" is not a PNG, JPEG, SVG or WebP file"
        case let .imageSizeUnreadable(path, _): "cannot read the width and height of image \"\(path)\""
        case let .imageTooLarge(path, width, height, maximum):
            "image \"\(path)\" is \(width) × \(height) pixels, more than \(maximum) on a side"
        case let .svgLength(attribute, value, outOfRange, maximum):
            "image \(attribute) \"\(value)\" is \(outOfRange ? "out of range (1 to \(maximum) pixels)" : "not a length")"
        case let .viewBox(value, notNumbers):
            "viewBox \"\(value)\" \(notNumbers ? "is not four numbers" : "has a width or height that is not a finite number above 0")"
        case let .scriptInSVG(script): "script in an SVG file: \(script.name)"
        case let .toDraft(path, draftAt, _): "link to a draft: \"\(path)\" is not published (draft: true at \(draftAt))"
        case let .missingPage(path, _, _): "link to a page that does not exist: \"\(path)\""
        case let .noAltText(url): "image without alt text: \"\(url)\""
        case let .rootAbsolute(url, _, _):
            "link \"\(url)\" starts at the root of the host: it breaks when the site is opened from disk or published in a subfolder"
        case let .missingHeading(anchor, page, _, _): "link to a heading that does not exist: \"#\(anchor)\" in \(page).md"
        }
    }

    public var fix: String? {
        switch self {
        case let .outsideContent(_, content): "copy the file into \(content) (e.g. \(content)files/) and link to it from there"
        case let .missingFile(_, expected, inChapter, content, suggestion, contentRelative, chapterFolder):
            if let contentRelative, let chapterFolder {
                "\(didYouMean(contentRelative) ?? "") A link is relative to the chapter's folder, \(chapterFolder)/"
            } else {
                didYouMean(suggestion)
                    ?? "put the file at \(expected), or correct the link (it is relative to \(inChapter ? "the chapter's folder" : content))"
            }
        case let .folder(_, shown): "link to a file in \(shown)"
        case let .special(_, _, shown): "replace \(shown) with the file itself; Rapport publishes only regular files"
        case let .tooLarge(_, _, limit): limit.fix
        case let .linkOutside(_, content): "copy the file into \(content) instead of linking to it"
        case let .refused(_, refusal): refusal.fix
        case .imageFormat: "convert it to one of those (Rapport writes each image's width and height from the file)"
        case let .imageSizeUnreadable(_, ending):
            ending == "svg" ? "give its <svg> element width and height, or a viewBox" : "the file is damaged or not really .\(ending): export it again"
        case .imageTooLarge: "export it smaller"
        case .svgLength:
            "give the <svg> element its size in pixels, e.g. width=\"640\" height=\"480\", or remove width and height to size it by its viewBox"
        case .viewBox: "write it as four numbers, min-x min-y width height, e.g. viewBox=\"0 0 640 480\""
        case .scriptInSVG:
            "remove it: the file is published as it is, and opened on its own its script would run on the site; a study's images need none"
        case let .toDraft(_, _, draftFile): "remove the link until the page is ready, or remove draft: true from \(draftFile) to publish it"
        case let .missingPage(_, suggestion, language): didYouMean(suggestion) ?? "link to a file of Content/\(language)/"
        case let .noAltText(url): "describe what it shows, ![…](\(url)), or mark it as decoration only: ![-](\(url))"
        case let .rootAbsolute(_, chapter?, _): "link to the chapter's file instead: \(chapter)"
        case let .rootAbsolute(_, nil, file?): "link to the file from the chapter's folder instead: ../\(file)"
        case .rootAbsolute:
            "link from the chapter's folder instead: a chapter by its file (finances.md), a file of Content/ by its path (../files/report.pdf)"
        case let .missingHeading(_, page, suggestion, headings):
            (didYouMean(suggestion) { "\"#\($0)\"" }.map { $0 + " " } ?? "")
                + (headings.isEmpty
                    ? "\(page).md has no ## headings; link to the page itself: \(page).md"
                    : "the headings of \(page).md: \(headings.prefix(12).map { "#" + $0 }.joined(separator: ", "))\(headings.count > 12 ? ", …" : "")")
        }
    }
}

extension LinkProblem.SVGScript {
    var name: String {
        switch self {
        case let .element(name): "<\(name)> element"
        case let .eventAttribute(attribute): "event attribute \(attribute)="
        case let .animatedEventAttribute(value): "animation setting the event attribute \(value)"
        case let .javascriptURL(attribute): "javascript: URL in \(attribute)="
        case let .scriptInAttribute(attribute): "<script> in \(attribute)="
        }
    }
}
