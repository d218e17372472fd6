import Diagnostics
import Foundation
import Testing

@testable import RapportCore

/// How a translation is written into a YAML file (`rapport translations import`): plain when it
/// reads back as the same text in any YAML reader, else double-quoted; and where a value is.
@Suite struct YAMLPlaceTests {
    @Test func aValueIsPlainOnlyWhenItReadsBackAsTheSameText() {
        #expect(YAMLPlace.scalar("Titel van de grafiek", flow: false) == "Titel van de grafiek")
        #expect(YAMLPlace.scalar("Ja, zeker", flow: false) == "Ja, zeker")
        #expect(YAMLPlace.scalar("Ja, zeker", flow: true) == #""Ja, zeker""#)
        // Texts that YAML 1.1 reads as a truth value, number, nothing or date stay texts.
        for typed in ["yes", "No", "true", "off", "12", "-3", "0x1F", "1.5", ".5", "1e3", ".inf", "~", "null", "2024-01-01", "1:20"] {
            #expect(YAMLPlace.scalar(typed, flow: false) == "\"\(typed)\"", "\(typed)")
        }
        for text in ["yesterday", "12 %", "1.2.3", "2024-1-1x", "nullable"] {
            #expect(YAMLPlace.scalar(text, flow: false) == text, "\(text)")
        }
        // Not one value: a key inside, a comment, an alias, a tag.
        for text in ["a: b", "x #y", "*ref", "!tag x", "- item"] {
            #expect(YAMLPlace.scalar(text, flow: false).hasPrefix("\""), "\(text)")
        }
    }

    @Test func aQuotedValueIsFoundWhereItIs() throws {
        let text = "title:\n  nl: 'l''année'\n  fr: \"Titre \\\"x\\\"\"\n"
        let file = FileBytes(url: URL(fileURLWithPath: "/x.yml"), bytes: Array(text.utf8))
        let nl = try #require(YAMLPlace.find(in: file, at: SourceLocation(file: "x.yml", line: 2, column: 3), key: "nl", value: "l'année"))
        #expect(file.string(nl.0) == "'l''année'")
        let fr = try #require(YAMLPlace.find(in: file, at: SourceLocation(file: "x.yml", line: 3, column: 3), key: "fr", value: "Titre \"x\""))
        #expect(file.string(fr.0) == "\"Titre \\\"x\\\"\"")
        #expect(YAMLPlace.find(in: file, at: SourceLocation(file: "x.yml", line: 2, column: 3), key: "nl", value: "other") == nil)
    }
}
