import Foundation

/// Turns heading texts into readable, unique ids: "Vrijwilligers en taken" → `vrijwilligers-en-taken`,
/// "Financiën" → `financien`; a repeated heading gets `-2`, `-3`. An id the page itself uses
/// (the templates' `main`, `toc-title` …, or one starting like a figure's `chart-…` or a
/// footnote's `fn-…`) is never given to a heading: such a heading's id starts with `section-`.
/// Linear in the number of headings: each base remembers the next number to try.
struct IdAllocator {
    /// Ids Rapport writes itself: figures, and cmark-gfm's footnotes and their back-links.
    static let builtInPrefixes = ["chart-", "fn-", "fnref-"]

    private var used: Set<String> = []
    private var next: [String: Int] = [:]
    private let reservedPrefixes: [String]

    init(reserved: Set<String> = [], reservedPrefixes: [String] = []) {
        used = reserved
        self.reservedPrefixes = Self.builtInPrefixes + reservedPrefixes
    }

    mutating func allocate(for text: String) -> String {
        var base = Self.slug(text)
        if base.isEmpty { base = "section" }
        if reservedPrefixes.contains(where: { base.hasPrefix($0) }) { base = "section-" + base }
        var candidate = base
        var counter = next[base] ?? 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        next[base] = counter
        used.insert(candidate)
        return candidate
    }

    static func slug(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func add(_ byte: UInt8) {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if pendingDash, !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingDash = false
                slug.append(byte)
            } else {
                pendingDash = true
            }
        }
        // ASCII and the accented Latin letters of Dutch and French (é → e, ç → c, ï → i …) are
        // folded here; any other text by Foundation's folding, which gives the same result for
        // those letters and costs far more.
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                add((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
            } else if let base = latinBase[scalar.value] {
                add(UInt8(base.value))
            } else {
                return foundationSlug(text)
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// The id by Foundation's folding alone (the fallback, and the tests' reference).
    static func foundationSlug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }

    /// Latin-1 Supplement and Latin Extended-A letters whose canonical decomposition is an
    /// ASCII letter and accents, by that letter (lower case).
    private static let latinBase: [UInt32: Unicode.Scalar] = {
        let letters: [Unicode.Scalar: [UInt32]] = [
            "a": [0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0x100, 0x101, 0x102, 0x103, 0x104, 0x105],
            "c": [0xC7, 0xE7, 0x106, 0x107, 0x108, 0x109, 0x10A, 0x10B, 0x10C, 0x10D],
            "d": [0x10E, 0x10F],
            "e": [0xC8, 0xC9, 0xCA, 0xCB, 0xE8, 0xE9, 0xEA, 0xEB, 0x112, 0x113, 0x114, 0x115, 0x116, 0x117, 0x118, 0x119, 0x11A, 0x11B],
            "g": [0x11C, 0x11D, 0x11E, 0x11F, 0x120, 0x121, 0x122, 0x123],
            "h": [0x124, 0x125],
            "i": [0xCC, 0xCD, 0xCE, 0xCF, 0xEC, 0xED, 0xEE, 0xEF, 0x128, 0x129, 0x12A, 0x12B, 0x12C, 0x12D, 0x12E, 0x12F, 0x130],
            "j": [0x134, 0x135],
            "k": [0x136, 0x137],
            "l": [0x139, 0x13A, 0x13B, 0x13C, 0x13D, 0x13E],
            "n": [0xD1, 0xF1, 0x143, 0x144, 0x145, 0x146, 0x147, 0x148],
            "o": [0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0x14C, 0x14D, 0x14E, 0x14F, 0x150, 0x151],
            "r": [0x154, 0x155, 0x156, 0x157, 0x158, 0x159],
            "s": [0x15A, 0x15B, 0x15C, 0x15D, 0x15E, 0x15F, 0x160, 0x161],
            "t": [0x162, 0x163, 0x164, 0x165],
            "u": [
                0xD9, 0xDA, 0xDB, 0xDC, 0xF9, 0xFA, 0xFB, 0xFC, 0x168, 0x169, 0x16A, 0x16B, 0x16C, 0x16D, 0x16E, 0x16F, 0x170, 0x171, 0x172,
                0x173,
            ],
            "w": [0x174, 0x175],
            "y": [0xDD, 0xFD, 0xFF, 0x176, 0x177, 0x178],
            "z": [0x179, 0x17A, 0x17B, 0x17C, 0x17D, 0x17E],
        ]
        var table: [UInt32: Unicode.Scalar] = [:]
        for (letter, codes) in letters { for code in codes { table[code] = letter } }
        return table
    }()
}
