/// The site as a whole: `site.yml` (its keys, languages, base URL, dates, theme, the study's
/// texts) and the interface texts (`Content/i18n/<language>.yml`).
public enum SiteProblem: Hashable, Sendable {
    // site.yml
    case missingSiteFile(String)
    case missingKey(String)
    /// `name` is how the address was given: `baseURL` in site.yml, `--base-url`.
    case baseURL(name: String, written: String, BaseURLFault)
    case defaultLanguageNotListed(String, languages: [String])
    case updatedNotADate(String)
    case publishedNotAYear(String)
    case notADOI(String)
    case licenseNotAnAddress(String)
    case languagesNotAList
    case languageTwice(String)
    /// A well-formed code of a language Rapport does not write; `supported` are the codes it does.
    case languageNotSupported(String, supported: [String])
    /// `lowercase` when the code is one in lower case.
    case notALanguageCode(String, lowercase: String?, supported: [String])
    /// `Content/<folder>/` holds chapters but is not a language of the site (`languages`).
    case chaptersOfOtherLanguage(folder: String, languages: [String])

    // The theme
    case logoNotSVG(String)
    case iconNotSVGOrPNG(String)
    /// `ratio` as written (`3.2:1`), against the `dark` or white page background `background`.
    case lowContrast(key: String, colour: String, ratio: String, dark: Bool, background: String)
    case paletteNotAList(String)
    case neutralNotOneColour
    case paletteEmpty(String)
    /// `problem` is what the chart palette's check says of the colour (SVGCharts' words).
    case paletteColour(String, palette: String, problem: String)
    case notAColour(field: String, written: String)

    // The interface texts
    /// `key` is a study text (`studyKey` in site.yml) written among the interface texts.
    case studyTextInInterface(key: String, studyKey: String, languages: [String])
    /// No file of interface texts for `language`; `model` is another language's file, `folder` theirs.
    case missingStringsFile(file: String, language: String, model: String?, folder: String)
    /// `asIn` is where another language has it (a place or a file).
    case missingString(key: String, language: String, asIn: String?)
    case emptyString(key: String, language: String, asIn: String?)
    /// The language switch's label names one language on a site of `count`; `suggested` is it with `{language}`.
    case switchLabelNamesOne(key: String, count: Int, suggested: String)
    /// A string used as a folder of the site's addresses; `suggested` is one that can be.
    case notAFolderWord(key: String, written: String, suggested: String)
    /// A missing string Rapport has its own `text` for, in `language`.
    case builtInStringUsed(key: String, language: String, text: String, file: String)
    case requiredStringMissing(key: String, language: String, file: String)
    /// The home page's chart pages would be at `/<language>/<word>/`, another page's address.
    case chartPagesFolderTaken(language: String, word: String)

    /// Why a base URL cannot be used.
    public enum BaseURLFault: Error, Hashable, Sendable {
        case invalid, notAbsolute, percentEncodedHost, port, queryOrUser, pathSegments
    }

    public var message: String {
        switch self {
        case .missingSiteFile: "missing site configuration"
        case let .missingKey(key): "missing key \"\(key)\""
        case let .baseURL(name, written, fault): "\(name) \"\(written)\" \(fault.clause)"
        case let .defaultLanguageNotListed(name, languages):
            "defaultLanguage \"\(name)\" is not one of the site's languages (\(languages.joined(separator: ", ")))"
        case let .updatedNotADate(text): "updated \"\(text)\" is not a date"
        case let .publishedNotAYear(text): "published \"\(text)\" is not a year"
        case let .notADOI(text): "doi \"\(text)\" is not a DOI"
        case let .licenseNotAnAddress(text): "license \"\(text)\" is not a web address"
        case .languagesNotAList: "languages must be a list of one or more language codes"
        case let .languageTwice(code): "language \"\(code)\" is listed twice"
        case let .languageNotSupported(code, supported):
            "language \"\(code)\" is not one Rapport can write yet (numbers, dates and typography are known for \(supported.joined(separator: ", ")))"
        case let .notALanguageCode(code, _, _): "\"\(code)\" is not a language code"
        case let .chaptersOfOtherLanguage(folder, _):
            "Content/\(folder)/ holds chapters, but \(folder) is not one of the site's languages: they are left out"
        case let .logoNotSVG(path): "theme logo \"\(path)\" is not an SVG file"
        case let .iconNotSVGOrPNG(path): "theme icon \"\(path)\" is not an SVG or PNG file"
        case let .lowContrast(key, colour, ratio, dark, background):
            "theme colour \(key) \(colour) has a contrast of \(ratio) with the \(dark ? "dark" : "white") page background \(background); link text needs at least 4.5:1"
        case let .paletteNotAList(key): "palette \(key) must be a list of colours"
        case .neutralNotOneColour: "palette neutral must be one colour"
        case let .paletteEmpty(key): "palette \(key) is empty"
        case let .paletteColour(colour, palette, problem): "colour \(colour) in palette \(palette) \(problem)"
        case let .notAColour(field, written): "\(field) \"\(written)\" is not a colour"
        case let .studyTextInInterface(key, _, _):
            "\"\(key)\" is a text of the study, not of the interface: it belongs in site.yml now"
        case let .missingStringsFile(_, language, _, _): "missing UI strings for \(language)"
        case let .missingString(key, language, _), let .requiredStringMissing(key, language, _):
            "UI string \"\(key)\" is missing in \(language)"
        case let .emptyString(key, _, _): "UI string \"\(key)\" is empty"
        case let .switchLabelNamesOne(key, count, _): "UI string \"\(key)\" names one language, but the site has \(count)"
        case let .notAFolderWord(key, written, _): "UI string \"\(key)\" is a folder of the site's addresses, and \"\(written)\" cannot be one"
        case let .builtInStringUsed(key, language, text, _):
            "UI string \"\(key)\" is missing in \(language); Rapport's own text is used (\"\(text)\")"
        case let .chartPagesFolderTaken(language, word):
            "the chart pages of the home page would be at /\(language)/\(word)/, which is already the address of another page"
        }
    }

    public var fix: String? {
        switch self {
        case let .missingSiteFile(file): "create \(file) with title, description, baseURL and languages"
        case .missingKey: nil
        case let .baseURL(_, _, fault): fault.fix
        case let .defaultLanguageNotListed(name, _): "write one of them, or add \(name) to languages"
        case .updatedNotADate: "write it as YYYY-MM-DD, e.g. updated: 2024-05-15"
        case .publishedNotAYear: "write the year the study was published, e.g. published: 2024"
        case .notADOI: "write the DOI itself, 10. then the registrant's number, a slash and the suffix: doi: 10.1234/abcd"
        case .licenseNotAnAddress: "write the licence's URL, e.g. license: https://creativecommons.org/licenses/by/4.0/"
        case .languagesNotAList: "write e.g. languages: [nl, fr, de]"
        case .languageTwice: "list each language once"
        case let .languageNotSupported(_, supported): "use one of \(supported.joined(separator: ", ")), optionally with a region (en-GB)"
        case let .notALanguageCode(_, lowercase, supported):
            lowercase.map { "write \($0)" } ?? "write a BCP 47 code such as \(supported.joined(separator: ", ")) or en-GB"
        case let .chaptersOfOtherLanguage(folder, languages):
            "add \(folder) to languages: [\((languages + [folder]).joined(separator: ", "))], or remove the folder"
        case .logoNotSVG: "give an .svg file of Content/, e.g. logo: files/logo.svg"
        case .iconNotSVGOrPNG: "give an .svg or .png file of Content/, e.g. icon: files/icon.svg"
        case let .lowContrast(_, _, _, dark, _): dark ? "choose a lighter colour" : "choose a darker colour"
        case .paletteNotAList: "write it as [\"#RRGGBB\", …]"
        case .neutralNotOneColour: "write it as neutral: \"#8A8A8A\""
        case .paletteEmpty: "give at least one colour, or leave the key out"
        case .paletteColour: "choose a darker or more saturated colour (the theme section of Rapport's README gives the rules)"
        case .notAColour: "write it as \"#RRGGBB\" (in quotes: # starts a comment)"
        case let .studyTextInInterface(_, studyKey, languages):
            "move it to site.yml as study: {\(studyKey): {\(languages.map { "\($0): …" }.joined(separator: ", "))}} and delete it here"
        case let .missingStringsFile(file, language, model, folder):
            "create \(file) with the same keys as \(model ?? "the other languages' files in \(folder)/"), in \(language)"
        case let .missingString(key, _, asIn): "add \(key): …, as in \(asIn ?? "the other languages")"
        case let .emptyString(_, language, asIn): "write its \(language) text" + (asIn.map { ", as in \($0)" } ?? "")
        case let .switchLabelNamesOne(_, _, suggested): "write {language} where the language's name goes (\(suggested))"
        case let .notAFolderWord(_, _, suggested): "write it in lowercase letters, digits and hyphens only, e.g. \"\(suggested)\""
        case let .builtInStringUsed(key, _, _, file): "add \(key): … to \(file) to write your own"
        case let .requiredStringMissing(key, _, file): "add \(key): … to \(file): Rapport writes it on every site"
        case .chartPagesFolderTaken: "choose another word for chart_pages_folder, or another slug for that page"
        }
    }
}

extension SiteProblem.BaseURLFault {
    var clause: String {
        switch self {
        case .invalid: "is not a valid URL"
        case .notAbsolute: "is not an absolute http(s) URL"
        case .percentEncodedHost: "has a percent-encoded host"
        case .port: "has a port outside 1–65535"
        case .queryOrUser: "has a query, fragment or user name"
        case .pathSegments: "has a path with control characters or dot segments"
        }
    }

    var fix: String {
        let example = "e.g. https://example.org/ or https://example.org/studie/"
        return switch self {
        case .percentEncodedHost: "write the host as it is, e.g. example.org"
        case .queryOrUser: "give only the address of the site's folder, \(example)"
        case .invalid, .notAbsolute, .port, .pathSegments: example
        }
    }
}
