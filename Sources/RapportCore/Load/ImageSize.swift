import Foundation

/// The width and height of an image, read from its first bytes (PNG, JPEG, WebP) or from its
/// root element (SVG), so that pages can reserve the image's room before it loads.
struct ImageSize: Equatable, Sendable {
    var width: Int
    var height: Int

    /// The formats Rapport reads the size of, by file extension (lower case).
    static let formats = ["png", "jpg", "jpeg", "svg", "webp"]

    /// The size of the image in `bytes`, by its content (the extension is only a hint for SVG);
    /// nil when the format is none of those or the header is cut off or zero.
    static func read(_ bytes: [UInt8]) -> ImageSize? {
        let size = png(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? svg(bytes)
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }

    private static func big(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { $0 << 8 | Int(b[at + $1]) }
    }

    private static func little(_ b: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reversed().reduce(0) { $0 << 8 | Int(b[at + $1]) }
    }

    /// Signature, then the IHDR chunk: width and height as 4-byte big-endian at 16 and 20.
    static func png(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            b[12...15].elementsEqual("IHDR".utf8)
        else { return nil }
        return ImageSize(width: big(b, 16, 4), height: big(b, 20, 4))
    }

    /// Segments after SOI until a start-of-frame (SOF0…SOF15 but DHT, JPG, DAC): height, width.
    static func jpeg(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = big(b, i + 2, 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return ImageSize(width: big(b, i + 7, 2), height: big(b, i + 5, 2))
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    /// RIFF….WEBP, then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
    static func webp(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 30, b[0...3].elementsEqual("RIFF".utf8), b[8...11].elementsEqual("WEBP".utf8) else { return nil }
        let chunk = String(decoding: b[12...15], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return ImageSize(width: little(b, 26, 2) & 0x3FFF, height: little(b, 28, 2) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = little(b, 21, 4)
            return ImageSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return ImageSize(width: little(b, 24, 3) + 1, height: little(b, 27, 3) + 1)
        default:
            return nil
        }
    }

    /// The root `<svg>` element's `width` and `height` (plain numbers or `px`), else its
    /// `viewBox`'s width and height (rounded up).
    static func svg(_ b: [UInt8]) -> ImageSize? {
        let text = String(decoding: b.prefix(16_384), as: UTF8.self)
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[start.upperBound..<end])
        func attribute(_ name: String) -> String? {
            var rest = tag[...]
            while let found = rest.range(of: name) {
                let before = rest[..<found.lowerBound].last
                var after = rest[found.upperBound...].drop { $0 == " " }
                rest = rest[found.upperBound...]
                guard before == nil || before!.isWhitespace, after.first == "=" else { continue }
                after = after.dropFirst().drop { $0 == " " }
                guard let quote = after.first, quote == "\"" || quote == "'" else { continue }
                let value = after.dropFirst()
                guard let close = value.firstIndex(of: quote) else { return nil }
                return String(value[..<close])
            }
            return nil
        }
        func number(_ text: String?) -> Double? {
            guard var text = text?.trimmingCharacters(in: .whitespaces) else { return nil }
            if text.hasSuffix("px") { text.removeLast(2) }
            return Double(text)
        }
        if let width = number(attribute("width")), let height = number(attribute("height")) {
            return ImageSize(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)))
        }
        let box = (attribute("viewBox") ?? "").split { $0 == " " || $0 == "," }.compactMap { Double($0) }
        guard box.count == 4 else { return nil }
        return ImageSize(width: Int(box[2].rounded(.up)), height: Int(box[3].rounded(.up)))
    }
}
