import Foundation
import Testing

@testable import RapportCore

/// A file written and compared in pieces (the whole report) is the same as in one piece.
@Suite struct FileContentsTests {
    static func pieces(_ parts: [String]) -> FileContents {
        let arrays = parts.map { Array($0.utf8) }
        return FileContents(count: arrays.reduce(0) { $0 + $1.count }) { take in
            for part in arrays { part.withUnsafeBufferPointer(take) }
        }
    }

    @Test func piecesAreWrittenAndComparedAsOneFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        #expect(SiteWriter.existing(path, Self.pieces(["a"])) == .missing)
        #expect(SiteWriter.createFile(path, Self.pieces(["<p>", "", "één", "</p>"])))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "<p>één</p>")
        #expect(SiteWriter.existing(path, Self.pieces(["<p>één", "</p>"])) == .same)
        #expect(SiteWriter.existing(path, FileContents(Array("<p>één</p>".utf8))) == .same)
        // A difference in a later piece, and the same bytes but the file longer or shorter.
        #expect(SiteWriter.existing(path, Self.pieces(["<p>één", "</b>"])) == .other)
        #expect(SiteWriter.existing(path, Self.pieces(["<p>één", "</p", ">"])) == .same)
        #expect(SiteWriter.existing(path, Self.pieces(["<p>één", "</"])) == .other)
        #expect(SiteWriter.existing(path, Self.pieces(["<p>één", "</p>", "!"])) == .other)
        #expect(SiteWriter.replaceFile(path, Self.pieces(["new", " text"])))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new text")
        #expect(Self.pieces(["a", "bc"]).bytes == Array("abc".utf8))
    }
}
