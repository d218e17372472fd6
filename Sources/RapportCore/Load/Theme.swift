import Diagnostics
import RapportBase
import SVGCharts

/// `theme:` in `site.yml`: the logo, the brand colour and the chart palettes, each colour
/// checked against ../shared/CHARTS.md's contrast rules where it is written.
///
///     theme:
///       logo: files/logo.svg            # an SVG file of Content/
///       icon: files/icon.png            # the browser tab's icon (SVG or PNG); the logo without it
///       colors: {accent: "#8B1E3F", accentDark: "#F4A6BD"}
///       palettes:
///         categorical: ["#0072B2", "#D55E00"]
///         sequential: ["#6F8FD1", "#3F5FA8", "#1B3470"]     # light → dark
///         diverging: ["#8C2D04", "#D9622B", "#8A8A8A", "#4F7CC2", "#1B3470"]
///         neutral: "#8A8A8A"
struct Theme: Sendable {
    /// The logo as written (relative to `Content/`) and where.
    var logo: (path: String, location: SourceLocation)?
    /// The browser tab's icon (`icon:`, an SVG or PNG of `Content/`), as written and where.
    var icon: (path: String, location: SourceLocation)?
    /// Links and accents on the light and the dark background (nil: the stylesheet's).
    var accent: String?
    var accentDark: String?
    var palette: ChartPalette = .standard

    static let keys = ["logo", "icon", "colors", "palettes"]
    /// The stylesheet's page backgrounds (Templates/assets/style.css), light and dark.
    static let pageBackground = "#FFFFFF"
    static let darkPageBackground = "#111820"

    /// `:root { --accent: … }` for the page head (colours are checked "#RRGGBB": nothing to escape).
    var style: String {
        var rules: [String] = []
        if let accent { rules.append(":root{--accent:\(accent);--accent-strong:\(accent)}") }
        if let accentDark {
            rules.append("@media (prefers-color-scheme: dark){:root{--accent:\(accentDark);--accent-strong:\(accentDark)}}")
        }
        return rules.joined(separator: " ")
    }

    static func parse(_ node: YAMLNode, reader: inout YAMLReader) -> Theme {
        var theme = Theme()
        guard let pairs = reader.mapping(node, what: "theme") else { return theme }
        reader.rejectUnknownKeys(pairs, known: keys, what: "theme")
        let values = YAMLReader.index(pairs)
        if let logo = values["logo"], let path = reader.string(logo, what: "theme logo") {
            if path.lowercased().hasSuffix(".svg") {
                theme.logo = (path, reader.textLocation(of: logo))
            } else {
                reader.error(logo, .site(.logoNotSVG(path)))
            }
        }
        if let icon = values["icon"], let path = reader.string(icon, what: "theme icon") {
            if [".svg", ".png"].contains(where: path.lowercased().hasSuffix) {
                theme.icon = (path, reader.textLocation(of: icon))
            } else {
                reader.error(icon, .site(.iconNotSVGOrPNG(path)))
            }
        }
        if let colors = values["colors"], let pairs = reader.mapping(colors, what: "theme colors") {
            reader.rejectUnknownKeys(pairs, known: ["accent", "accentDark"], what: "theme colour")
            for pair in pairs {
                let dark = pair.key == "accentDark"
                let background = dark ? darkPageBackground : pageBackground
                guard let color = color(pair.value, what: "theme colour \(pair.key)", reader: &reader) else { continue }
                let ratio = ChartPalette.contrast(color, background)
                if ratio < 4.5 {
                    reader.error(
                        pair.value,
                        .site(
                            .lowContrast(key: pair.key, colour: color, ratio: ChartPalette.ratio(ratio), dark: dark, background: background)))
                    continue
                }
                if dark { theme.accentDark = color } else { theme.accent = color }
            }
        }
        if let palettes = values["palettes"], let pairs = reader.mapping(palettes, what: "theme palettes") {
            reader.rejectUnknownKeys(pairs, known: ["categorical", "sequential", "diverging", "neutral"], what: "palette")
            var lists: [String: [String]] = [:]
            var failed = false
            for pair in pairs {
                var nodes: [YAMLNode] = [pair.value]
                if let items = pair.value.items {
                    nodes = Array(items)
                } else if pair.key != "neutral" {
                    reader.error(pair.value, .site(.paletteNotAList(pair.key)))
                    failed = true
                    continue
                }
                if nodes.isEmpty || (pair.key == "neutral" && nodes.count != 1) {
                    reader.error(pair.value, .site(pair.key == "neutral" ? .neutralNotOneColour : .paletteEmpty(pair.key)))
                    failed = true
                    continue
                }
                for (position, item) in nodes.enumerated() {
                    guard let color = color(item, what: "colour in palette \(pair.key)", reader: &reader) else { failed = true; continue }
                    // The middle of an odd diverging list is never drawn (`neutral` is).
                    let unused = pair.key == "diverging" && nodes.count % 2 == 1 && position == nodes.count / 2
                    if !unused, let problem = ChartPalette.problem(with: color) {
                        reader.error(item, .site(.paletteColour(color, palette: pair.key, problem: problem)))
                        failed = true
                    }
                    lists[pair.key, default: []].append(color)
                }
            }
            if !failed {
                theme.palette = ChartPalette(
                    categorical: lists["categorical"] ?? [], sequential: lists["sequential"] ?? [],
                    diverging: lists["diverging"] ?? [], neutral: lists["neutral"]?.first)
            }
        }
        return theme
    }

    private static func color(_ node: YAMLNode, what: String, reader: inout YAMLReader) -> String? {
        guard let text = reader.string(node, what: what) else { return nil }
        guard ChartPalette.isColor(text) else {
            reader.error(node, .site(.notAColour(field: what, written: text)))
            return nil
        }
        return text.uppercased()
    }
}

/// `study:` in `site.yml`: the texts of this study (not of the interface), each in every
/// language. Templates read them as before, as `t_footer_partners`, `t_footer_citation`,
/// `t_footer_licence`; a chart without its own source names `source`.
struct StudyTexts: Sendable {
    var texts: [String: Localized] = [:]

    /// site.yml key → the UI string key it is given to templates as.
    static let keys: [(key: String, string: String)] = [
        ("partners", "footer_partners"), ("citation", "footer_citation"), ("licence", "footer_licence"), ("source", "chart_default_source"),
    ]

    static func parse(_ node: YAMLNode, reader: inout YAMLReader) -> StudyTexts {
        var study = StudyTexts()
        guard let pairs = reader.mapping(node, what: "study") else { return study }
        reader.rejectUnknownKeys(pairs, known: keys.map(\.key), what: "study text")
        for pair in pairs where keys.contains(where: { $0.key == pair.key }) {
            if let text = reader.localized(pair.value, what: "study \(pair.key)") { study.texts[pair.key] = text }
        }
        return study
    }

    /// The UI strings with the study's texts added under their template names.
    func adding(to strings: [Language: Strings]) -> [Language: Strings] {
        var result = strings
        for (language, var values) in strings {
            for (key, name) in Self.keys {
                values.values[name] = texts[key]?[language] ?? ""
            }
            result[language] = values
        }
        return result
    }
}
