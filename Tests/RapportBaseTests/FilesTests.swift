import Foundation
import RapportBase
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `Files.read`, the one way Rapport reads a file (issue 24, item 7): a regular file only, to
/// its limit, a link followed only where the caller allows it.
@Suite struct FilesTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-files-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func aRegularFileIsReadWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("abc".utf8).write(to: folder.appendingPathComponent("a.txt"))
        #expect(try Files.read(path("a.txt")).get() == Array("abc".utf8))
    }

    @Test func whatIsNotARegularFileIsNeverOpened() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(path("fifo"), 0o644) == 0)
        #expect(Files.read(path("fifo")) == .failure(.special(.fifo)))
        #expect(Files.read("/dev/zero") == .failure(.special(.characterDevice)))
        try FileManager.default.createSymbolicLink(atPath: path("zero"), withDestinationPath: "/dev/zero")
        #expect(Files.read(path("zero")) == .failure(.special(.characterDevice)), "followed, then refused")
        #expect(Files.read(path("zero"), links: .refuse) == .failure(.link), "not followed at all")
        #expect(Files.read(path("nothing")) == .failure(.missing))
        #expect(Files.read(folder.path) == .failure(.folder))
        #expect(
            Files.Refusal.special(.fifo).reason == "this is a FIFO (named pipe), not a regular file")
    }

    @Test func aFileOverItsLimitIsRefusedFromItsSize() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(repeating: 0x41, count: 11).write(to: folder.appendingPathComponent("eleven"))
        let ten = Files.Limit(bytes: 10, use: .text)
        #expect(Files.read(path("eleven"), limit: ten) == .failure(.tooLarge(size: 11, limit: ten)))
        #expect(Files.Refusal.tooLarge(size: 11, limit: ten).reason == "file is 11 bytes, more than the 10 bytes Rapport reads of a text file")
        #expect(
            Files.Refusal.tooLarge(size: 2 << 30, limit: .text).reason
                == "file is 2,147,483,648 bytes (2.1 GB), more than the 64 MB Rapport reads of a text file")
        #expect(try Files.read(path("eleven"), limit: Files.Limit(bytes: 11, use: .text)).get().count == 11)
    }

    @Test func runningOutOfDescriptorsSaysSo() {
        let refusal = Files.Refusal.system(EMFILE)
        #expect(refusal.reason == "cannot read file: Too many open files")
        #expect(refusal.isDescriptorShortage)
        #expect(refusal.fix == "too many files are open: close other programs or raise the limit (ulimit -n), then build again")
    }
}
