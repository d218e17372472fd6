/// The fills a chart is drawn with, as a value: Rapport's own (`standard`, from `Palette`) or a
/// site's (`site.yml`'s `theme: palettes:`), checked by the caller with `problems()`.
public struct ChartPalette: Sendable, Equatable {
    /// Series without a scale (paired bars, donuts); the first also fills single-series bars
    /// and key figures' numbers.
    public var categorical: [String]
    /// One-hue ramps light → dark, by number of steps (index 0: one step).
    public var sequential: [[String]]
    /// Diverging sides by number of steps per side: disagree dark → light, agree light → dark.
    public var disagree: [[String]]
    public var agree: [[String]]
    /// The neutral middle of an odd agreement scale.
    public var neutral: String

    public static let standard = ChartPalette(
        categorical: Palette.categorical, sequential: Palette.frequency,
        disagree: Palette.disagree, agree: Palette.agree, neutral: Palette.neutral)

    init(categorical: [String], sequential: [[String]], disagree: [[String]], agree: [[String]], neutral: String) {
        self.categorical = categorical
        self.sequential = sequential
        self.disagree = disagree
        self.agree = agree
        self.neutral = neutral
    }

    /// A palette from a site's lists: `sequential` light → dark; `diverging` from the strongest
    /// disagree to the strongest agree (its middle colour, when odd, is not used: `neutral` is).
    /// Fewer steps are taken evenly spread over a list. Empty lists keep the standard ones.
    public init(categorical: [String], sequential: [String], diverging: [String], neutral: String?) {
        let standard = Self.standard
        self.categorical = categorical.isEmpty ? standard.categorical : categorical
        self.sequential = sequential.isEmpty ? standard.sequential : (1...sequential.count).map { Self.spread(sequential, $0) }
        let side = diverging.count / 2
        if side == 0 {
            disagree = standard.disagree
            agree = standard.agree
        } else {
            let low = Array(diverging.prefix(side)), high = Array(diverging.suffix(side))
            disagree = (1...side).map { Self.spread(low, $0) }
            agree = (1...side).map { Self.spread(high, $0) }
        }
        self.neutral = neutral ?? standard.neutral
    }

    /// `count` of `colors`, first and last kept, evenly spread (one: the middle one).
    static func spread(_ colors: [String], _ count: Int) -> [String] {
        if count >= colors.count { return colors }
        if count == 1 { return [colors[colors.count / 2]] }
        return (0..<count).map { colors[($0 * (colors.count - 1) + (count - 1) / 2) / (count - 1)] }
    }

    /// The most series a scale can tell apart (don't-know series not counted).
    public func capacity(_ scale: ColorScale) -> Int {
        switch scale {
        case .categorical: return categorical.count
        case .frequency: return sequential.count
        case .agreement: return 2 * agree.count + 1
        }
    }

    /// `count` fills for a scale, in scale order; nil when the scale cannot tell so many apart.
    func colors(_ scale: ColorScale, count: Int) -> [String]? {
        guard count >= 1, count <= capacity(scale) else { return count == 0 ? [] : nil }
        switch scale {
        case .categorical: return Array(categorical[0..<count])
        case .frequency: return sequential[count - 1]
        case .agreement:
            if count == 1 { return [neutral] }
            let side = count / 2
            var result = disagree[side - 1]
            if count % 2 == 1 { result.append(neutral) }
            return result + agree[side - 1]
        }
    }

    /// Single-series bars and key figures.
    var bar: String { categorical[0] }

    /// The chart background.
    public static let background = Palette.background

    /// WCAG 2.1 contrast ratio of two "#RRGGBB" colours (1…21).
    public static func contrast(_ a: String, _ b: String) -> Double { Palette.contrast(a, b) }

    /// True for "#RRGGBB".
    public static func isColor(_ text: String) -> Bool { Palette.rgb(text) != nil }

    /// What breaks ../shared/CHARTS.md's rule 5 for one fill: under 3:1 with the background, or
    /// no label colour (white or near-black) reaching 4.5:1 on it. Nil when it is fine.
    public static func problem(with fill: String) -> String? {
        let background = contrast(fill, Self.background)
        if background < 3 {
            return "has a contrast of \(ratio(background)) with the white chart background; a fill needs at least 3:1"
        }
        let label = max(contrast(fill, Palette.white), contrast(fill, Palette.darkOnFill))
        if label < 4.5 {
            return "leaves its labels at \(ratio(label)) (white or dark text, whichever is better); labels need at least 4.5:1"
        }
        return nil
    }

    /// "2.85:1", rounded down so a ratio just under a threshold never reads as the threshold.
    public static func ratio(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded(.down))
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100):1"
    }
}
