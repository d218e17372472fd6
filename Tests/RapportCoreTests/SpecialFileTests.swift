import Foundation
import RapportBase
import RapportTestSupport
import Testing

@testable import RapportCore

#if canImport(Glibc)
import Glibc
#endif

/// Files that are not plain files where Rapport reads (issue 24, items 7 and 11): a FIFO, a
/// device or a link out of the study is one diagnostic naming the file and the fix, never a
/// hang, never a read of gigabytes, never published; a file larger than its kind may be is
/// refused before it is read. (The time limit turns a hang back into a failure.)
@Suite(.timeLimit(.minutes(2))) struct SpecialFileTests {
    private static let fifo =
        "this is a FIFO (named pipe), not a regular file (replace it with the file itself; Rapport reads only regular files)"

    private func replaceWithFIFO(_ site: TestSite, _ path: String) throws {
        let url = site.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(url.path, 0o644) == 0)
    }

    @Test(arguments: [
        "Content/site.yml", "Content/i18n/nl.yml", "Content/nl/finances.md", "Content/data/org/tasks.csv",
        "Content/data/study.yml", "Templates/page.mustache",
    ])
    func aFIFOWhereTheBuildReadsIsOneErrorNotAHang(_ path: String) throws {
        let site = try TestSite(ReferenceTests.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = site.read("nl/index.html")
        try replaceWithFIFO(site, path)
        for write in [true, false] {
            let result = site.build(write: write)
            #expect(site.messages(result) == ["\(path):1:1: error: \(Self.fifo)"], "written: \(write)")
        }
        #expect(site.read("nl/index.html") == before, "the previous site is kept")
    }

    @Test func aFileLargerThanATextFileMayBeIsRefusedBeforeItIsRead() throws {
        let site = try TestSite(ReferenceTests.files)
        defer { site.cleanUp() }
        // Sparse: 100 MB on paper, nothing on disk; the build must not read it.
        let csv = site.content.appendingPathComponent("data/org/tasks.csv").path
        #expect(truncate(csv, 100_000_000) == 0)
        let result = site.build()
        #expect(
            site.messages(result) == [
                "Content/data/org/tasks.csv:1:1: error: file is 100,000,000 bytes (100 MB), more than the 64 MB Rapport reads of a text file (split it into smaller files)"
            ])
    }

    // MARK: Files the chapters link to

    /// A FIFO was "a file that does not exist (did you mean "fifo.png"?)", its own name; a
    /// 2 GiB file was read whole (2.1 GB, 17 s) to be copied into the site.
    @Test func aLinkToAFIFOOrToAFileTooLargeToPublishIsOneErrorAtTheLink() throws {
        let site = try TestSite(
            TestSite.minimal.merging([
                "Content/nl/index.md": TestSite.page(
                    "Home", order: 0, "![Kaart](img/fifo.png)\n\n[Het rapport](../files/big.pdf) en [kopie](../files/linked.pdf).")
            ]) { $1 })
        defer { site.cleanUp() }
        try replaceWithFIFO(site, "Content/nl/img/fifo.png")
        let big = site.content.appendingPathComponent("files/big.pdf")
        try site.write("Content/files/big.pdf", "%PDF-1.4")
        #expect(truncate(big.path, 2 << 30) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: site.content.appendingPathComponent("files/linked.pdf").path, withDestinationPath: "big.pdf")
        let result = site.build()
        let tooLarge =
            "is 2,147,483,648 bytes (2.1 GB), more than the 256 MB Rapport publishes of a file (make it smaller (compress it, or split it), or publish it elsewhere and link to its address)"
        #expect(
            site.messages(result) == [
                "Content/nl/index.md:5:1: error: link to a FIFO (named pipe), not a file: \"img/fifo.png\" (replace Content/nl/img/fifo.png with the file itself; Rapport publishes only regular files)",
                "Content/nl/index.md:7:1: error: \"../files/big.pdf\" \(tooLarge)",
                "Content/nl/index.md:7:36: error: \"../files/linked.pdf\" \(tooLarge)",
            ])
    }

    // MARK: Beside the output: Rapport's own files

    @Test(arguments: ["fifo", "device", "link"])
    func theValuesFileIsReadOnlyWhenItIsAPlainFile(_ kind: String) throws {
        let site = try TestSite(ReferenceTests.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let values = site.root.appendingPathComponent(".Public.values")
        let secret = site.root.appendingPathComponent("secret.txt")
        try Data("tasks:board:share\t1\n".utf8).write(to: secret)
        try FileManager.default.removeItem(at: values)
        switch kind {
        case "fifo": #expect(mkfifo(values.path, 0o644) == 0)
        case "device": try FileManager.default.createSymbolicLink(atPath: values.path, withDestinationPath: "/dev/zero")
        default: try FileManager.default.createSymbolicLink(atPath: values.path, withDestinationPath: secret.path)
        }
        let result = site.build()
        #expect(result.succeeded)
        #expect(result.changes == [], "nothing is compared with a file that is not Rapport's")
        let what = kind == "fifo" ? "this is a FIFO (named pipe), not a regular file" : "this is a symbolic link, not a regular file"
        #expect(
            site.messages(result) == [
                ".Public.values:1:1: warning: \(what): what changed since the last build is not reported (rapport keeps the values of this build there instead)"
            ])
        #expect(Files.kind(ofPath: values.path) == .file, "replaced by the values of this build")
        #expect((try? String(contentsOf: secret, encoding: .utf8)) == "tasks:board:share\t1\n", "the link's target is untouched")
        #expect(site.build().messages.isEmpty)
    }

    @Test(arguments: ["fifo", "device", "link", "large"])
    func aPrintedReportIsPublishedOnlyWhenItIsAPlainFile(_ kind: String) throws {
        let site = try TestSite(ReaderPagesTests.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/volledig-rapport/index.html"))
        let fingerprint = try #require(page.components(separatedBy: "data-print-source=\"").dropFirst().first?.prefix(16))
        let folder = Pipeline.printedReports(beside: site.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pdf = folder.appendingPathComponent("\(fingerprint).pdf")
        let key = site.root.appendingPathComponent("id_ed25519")
        try Data("-----BEGIN OPENSSH PRIVATE KEY-----\n".utf8).write(to: key)
        var what = "this is a symbolic link, not a regular file"
        switch kind {
        case "fifo":
            #expect(mkfifo(pdf.path, 0o644) == 0)
            what = "this is a FIFO (named pipe), not a regular file"
        case "device": try FileManager.default.createSymbolicLink(atPath: pdf.path, withDestinationPath: "/dev/zero")
        case "link": try FileManager.default.createSymbolicLink(atPath: pdf.path, withDestinationPath: key.path)
        default:
            #expect(FileManager.default.createFile(atPath: pdf.path, contents: Data("%PDF-1.4".utf8)))
            #expect(truncate(pdf.path, 300_000_000) == 0)
            what = "file is 300,000,000 bytes (300 MB), more than the 256 MB Rapport publishes of a file"
        }
        let result = site.build()
        #expect(result.succeeded)
        #expect(
            site.messages(result) == [
                // French was not printed from its page (only Dutch was, as this file).
                ".Public.pdf:1:1: warning: the PDF of /fr/rapport-complet/ is out of date: run rapport pdf",
                ".Public.pdf/\(fingerprint).pdf:1:1: warning: \(what): the whole report's PDF is not published (run rapport pdf again, which prints it there as a plain file)",
            ])
        #expect(site.read("nl/volledig-rapport.pdf") == nil)
        #expect(!(site.read("nl/volledig-rapport/index.html") ?? "").contains("volledig-rapport.pdf"), "and not linked")
    }
}

extension Pipeline.Result {
    fileprivate var messages: [String] { diagnostics.map(\.description) }
}
