import RapportBase


/// A calendar date of the site configuration (`updated: 2024-05-15` in site.yml), written in
/// each language's long form (`Language.longDate`): nl "15 mei 2024", fr "1er mai 2024", de "15. Mai 2024".
struct SiteDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    /// `YYYY-MM-DD` and a day that exists (29 February only in a leap year); nil otherwise.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Self.days(in: month, of: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// For `<time datetime="…">`.
    var iso: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    func text(_ language: Language) -> String { language.longDate(year: year, month: month, day: day) }
}
