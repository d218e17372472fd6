import Diagnostics
import RapportBase

extension ImageSize {
    /// The root `<svg>` element's `width` and `height` when both are numbers of pixels (bare or
    /// `px`), else its `viewBox`'s width and height, scaled down to `maximumSide` if larger (the
    /// ratio is what the page needs), rounded up. Every number is read by the SVG grammar and
    /// checked to be finite and in range before it becomes an `Int`: a `width` or `height` that
    /// is not a length or out of range, or a `viewBox` that is not four numbers with a width and
    /// height above 0, is a `Problem` at its place in the file. A length in other units (`%`,
    /// `cm`, `em` …) or `auto` gives no pixels: the `viewBox` is used.
    static func svg(_ b: [UInt8]) throws(Problem) -> ImageSize? {
        let text = String(decoding: b.prefix(16_384), as: UTF8.self)
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = text[start.upperBound..<end]
        func attribute(_ name: String) -> Substring? {
            var rest = tag
            while let found = rest.range(of: name) {
                let before = rest[..<found.lowerBound].last
                var after = rest[found.upperBound...].drop { $0 == " " }
                rest = rest[found.upperBound...]
                guard before == nil || before!.isWhitespace, after.first == "=" else { continue }
                after = after.dropFirst().drop { $0 == " " }
                guard let quote = after.first, quote == "\"" || quote == "'" else { continue }
                let value = after.dropFirst()
                guard let close = value.firstIndex(of: quote) else { return nil }
                return value[..<close]
            }
            return nil
        }
        func place(_ value: Substring) -> Place { Self.place(of: value.startIndex, in: text) }

        var pixels: [Double] = []
        for name in ["width", "height"] {
            guard let value = attribute(name) else { continue }
            switch SVGLength(value) {
            case let .pixels(number):
                guard number.isFinite, number > 0, number <= Double(maximumSide) else {
                    throw .length(attribute: name, value: String(value), outOfRange: true, place: place(value))
                }
                pixels.append(number)
            case .otherUnit: break
            case .invalid: throw .length(attribute: name, value: String(value), outOfRange: false, place: place(value))
            }
        }
        if pixels.count == 2 {
            return ImageSize(width: Int(pixels[0].rounded(.up)), height: Int(pixels[1].rounded(.up)))
        }
        guard let value = attribute("viewBox") else { return nil }
        let parts = value.split { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let box = parts.compactMap { SVGLength.number($0) }
        guard parts.count == 4, box.count == 4 else { throw .viewBox(value: String(value), notNumbers: true, place: place(value)) }
        let (width, height) = (box[2], box[3])
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw .viewBox(value: String(value), notNumbers: false, place: place(value))
        }
        // Both finite and above 0: the scale is at most 1, and each side at most `maximumSide`.
        let scale = min(1, Double(maximumSide) / max(width, height))
        return ImageSize(width: max(1, Int((width * scale).rounded(.up))), height: max(1, Int((height * scale).rounded(.up))))
    }

    /// The line and column (`SourceColumn`) of `index` in `text` (`\n`, `\r\n` or a lone `\r`
    /// ends a line).
    private static func place(of index: String.Index, in text: String) -> Place {
        var line = 1
        var lineStart = text.startIndex
        var previous: Unicode.Scalar?
        var position = text.unicodeScalars.startIndex
        while position < index {
            let scalar = text.unicodeScalars[position]
            position = text.unicodeScalars.index(after: position)
            // The second half of "\r\n" ends no line of its own: the line was counted at "\r".
            if scalar == "\n" && previous == "\r" {
                lineStart = position
            } else if scalar == "\n" || scalar == "\r" {
                line += 1
                lineStart = position
            }
            previous = scalar
        }
        return Place(line: line, column: SourceColumn.of(index, in: text[lineStart..<index]))
    }
}

/// An SVG length as written in an attribute: a number by the SVG grammar
/// (`[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`), then a unit.
enum SVGLength: Equatable {
    /// A bare number or `px`; not checked yet (it may be infinite: `1e400`).
    case pixels(Double)
    /// A length in another unit, or `auto`: no pixels.
    case otherUnit
    case invalid

    static let otherUnits: Set<String> = [
        "%", "em", "ex", "ch", "rem", "cm", "mm", "q", "in", "pt", "pc", "vw", "vh", "vmin", "vmax",
    ]

    init(_ text: Substring) {
        let text = String(text).trimmingWhitespace
        if text == "auto" {
            self = .otherUnit
            return
        }
        let length = Self.numberLength(text.utf8)
        guard length > 0, let number = Double(String(text.utf8.prefix(length))!) else {
            self = .invalid
            return
        }
        let unit = String(text.utf8.dropFirst(length))!.lowercased()
        if unit.isEmpty || unit == "px" {
            self = .pixels(number)
        } else {
            self = Self.otherUnits.contains(unit) ? .otherUnit : .invalid
        }
    }

    /// A whole text that is one number by the SVG grammar.
    static func number(_ text: Substring) -> Double? {
        numberLength(text.utf8) == text.utf8.count ? Double(text) : nil
    }

    /// How many bytes at the start of `bytes` make a number by the SVG grammar (0: none).
    private static func numberLength(_ bytes: some Collection<UInt8>) -> Int {
        let b = Array(bytes)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var mantissa = digits()
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return 0 }
        let beforeExponent = i
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { i = beforeExponent }
        }
        return i
    }
}
