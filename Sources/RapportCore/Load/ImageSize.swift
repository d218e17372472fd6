import Foundation

/// The width and height of an image, read from its first bytes (PNG, JPEG, WebP) or from its
/// root element (SVG), so that pages can reserve the image's room before it loads. (`package`:
/// `make fuzz` reaches it, fuzz-images-references.)
package struct ImageSize: Equatable, Sendable {
    package var width: Int
    package var height: Int

    /// The formats Rapport reads the size of, by file extension (lower case).
    static let formats = ["png", "jpg", "jpeg", "svg", "webp"]

    /// The most pixels on a side a page reserves for an image; no screen or print needs more,
    /// and every size is checked against it before it becomes an `Int`.
    static let maximumSide = 100_000

    /// A size the file gives but that cannot be an image's.
    package enum Problem: Error, Equatable {
        /// A PNG, JPEG or WebP header with a side above `maximumSide`.
        case tooLarge(width: Int, height: Int)
        /// The root `<svg>` element's `width` or `height` (`attribute`): not a length, or a number
        /// of pixels out of range; `place` is where its value starts in the file.
        case length(attribute: String, value: String, outOfRange: Bool, place: Place)
        /// Its `viewBox`: not four numbers, or a width or height not finite and above 0.
        case viewBox(value: String, notNumbers: Bool, place: Place)
    }

    /// A 1-based line and column (`SourceColumn`, as diagnostics count them) in a text file.
    package struct Place: Equatable {
        package var line: Int
        package var column: Int
    }

    /// The size of the image in `bytes`, by its content (the extension is only a hint for SVG);
    /// nil when the format is none of those or the header is cut off or zero; `Problem` when the
    /// file gives a size that no image can have.
    package static func read(_ bytes: [UInt8]) throws(Problem) -> ImageSize? {
        var size = png(bytes) ?? jpeg(bytes) ?? webp(bytes)
        if size == nil { size = try svg(bytes) }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        guard size.width <= maximumSide, size.height <= maximumSide else {
            throw .tooLarge(width: size.width, height: size.height)
        }
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
}
