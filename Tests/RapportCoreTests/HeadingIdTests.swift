import Foundation
import Testing

@testable import RapportCore

/// Heading ids are link targets (`[…](finances.md#inkomsten)`): the fast folding of accented
/// letters must give exactly what Foundation's folding gives.
@Suite struct HeadingIdTests {
    static func reference(_ text: String) -> String { IdAllocator.foundationSlug(text) }

    @Test func everyLatinLetterFoldsAsFoundationDoes() {
        for code in UInt32(0x20)..<0x250 {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let text = "Kop \(Character(scalar))x \(Character(scalar))"
            #expect(IdAllocator.slug(text) == Self.reference(text), "U+\(String(code, radix: 16, uppercase: true))")
        }
    }

    @Test(arguments: [
        "Financiën en inkomsten", "Défis et ambitions 2023", "L'entraide en Flandre", "Œuvres & cœur",
        "Straße", "e\u{301}le\u{300}ve", "Ĳsland", "   ", "Ça va? Ça va!", "ÅNGSTRÖM ÆØ",
    ])
    func headingsFoldAsFoundationDoes(_ text: String) {
        #expect(IdAllocator.slug(text) == Self.reference(text))
    }
}
