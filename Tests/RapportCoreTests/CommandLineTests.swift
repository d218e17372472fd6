import Foundation
import RapportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The command line as an editor uses it: the exit codes the README promises (0 built, 1 the
/// content has errors, 2 a mistake in the command) and the one summary line.
@Suite struct CommandLineTests {
    /// The `rapport` built beside the tests (`swift build --build-tests` builds it too).
    static let rapport = TestSite.repository.appendingPathComponent(".build/debug/rapport")

    /// `rapport arguments…` in `folder`: its exit status and what it printed on each stream.
    static func run(
        _ arguments: [String], in folder: URL, environment: [String: String]? = nil
    ) throws -> (
        status: Int32, out: String, err: String
    ) {
        let process = Process()
        process.executableURL = Self.rapport
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// `rapport pdf` (and `build --pdf`) in a study's folder: without the engine one line and
    /// nothing built; with it (a stand-in), every language printed and published.
    @Test func rapportPDFInAStudysFolder() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let empty = site.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let missing = try Self.run(["pdf"], in: site.root, environment: ["PATH": empty.path])
        #expect(missing.status == 1)
        #expect(
            missing.err
                == "error: no print engine: rapport pdf prints with WeasyPrint, which is not installed; install it: python3 -m pip install 'weasyprint>=67'\n"
        )
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "nothing built")
        let engine = try PrintTests.fakeEngine(in: empty)
        for command in [["pdf"], ["build", "--pdf"]] {
            let printed = try Self.run(command, in: site.root, environment: ["PATH": "/usr/bin:/bin", "WEASYPRINT": engine.path])
            #expect(printed.status == 0, "\(printed.err)")
            let lines = printed.out.split(separator: "\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("printed fr/rapport-complet/ (") && lines[2].hasPrefix("built "), "\(lines)")
            #expect(site.read("nl/volledig-rapport.pdf")?.hasPrefix("%PDF-1.7") == true)
        }
    }

    @Test func exitCodesAndSummaryLines() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }

        let built = try Self.run(["build"], in: site.root)
        #expect(built.status == 0)
        #expect(built.err == "")
        #expect(built.out.hasPrefix("built 3 nl + 3 fr pages, 0 charts in "), "\(built.out)")
        #expect(built.out.hasSuffix(" → Public\n"))

        let checked = try Self.run(["check"], in: site.root)
        #expect(checked.status == 0)
        #expect(checked.out.hasPrefix("checked 3 nl + 3 fr pages"))

        try site.write(
            "Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [dood](nergens.md)."))
        let failed = try Self.run(["build"], in: site.root)
        #expect(failed.status == 1)
        #expect(
            failed.err.hasPrefix("Content/nl/finances.md:8:5: error: link to a page that does not exist: \"nergens.md\""), "\(failed.err)")
        #expect(failed.out.hasPrefix("failed: 1 error, 0 warnings; Public left as it was ("), "\(failed.out)")

        let usage = try Self.run(["build", "--no-such-option"], in: site.root)
        #expect(usage.status == 2)
        #expect(usage.err.contains("Unknown option '--no-such-option'"), "\(usage.err)")

        let badURL = try Self.run(["build", "--base-url", "ftp://example.org/"], in: site.root)
        #expect(badURL.status == 2)
        #expect(
            badURL.err.hasPrefix(
                "Error: --base-url \"ftp://example.org/\" is not an absolute http(s) URL (e.g. https://example.org/ or https://example.org/studie/)"
            ), "\(badURL.err)")
        try site.write("Content/nl/finances.md", TestSite.minimal["Content/nl/finances.md"] ?? "")
        let staging = try Self.run(["build", "--base-url", "https://staging.example.net/"], in: site.root)
        #expect(staging.status == 0)
        #expect(site.read("nl/financien/index.html")?.contains("href=\"https://staging.example.net/nl/financien/\"") == true)
    }

    /// In a folder without a study: one line that says where Rapport looked and what
    /// `rapport new` does, not an error per file it did not find.
    @Test func aFolderWithoutAStudyIsOneLine() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in ["build", "check"] {
            let result = try Self.run([command], in: folder)
            #expect(result.status == 1)
            #expect(
                result.err
                    == "error: no study here: there is no Content/ folder in \(folder.path) (Rapport reads Content/ and Templates/ of the folder it runs in: cd into the study's folder, or start a study with rapport new <folder>, which writes one that builds at once)\n",
                "\(result.err)")
            #expect(result.out.hasPrefix("failed: no study here"), "\(result.out)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Public").path))
    }

    /// Issue 24, item 8: the README promised "waiting for it to finish", the command line never
    /// said it, and waited without a limit.
    @Test func aBuildThatMustWaitSaysSoOnceAndGivesUpAtItsLimit() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        // Another build holds the lock.
        let held = open(site.root.appendingPathComponent(".Public.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        defer { close(held) }
        #expect(flock(held, LOCK_EX) == 0)
        let waiting = "another build is writing Public; waiting for it to finish\n"

        let gaveUp = try Self.run(["build", "--wait", "1"], in: site.root)
        #expect(gaveUp.status == 1)
        #expect(
            gaveUp.err
                == waiting
                + "error: gave up after waiting 1 second: another build is still writing Public (it holds .Public.lock; let it finish or stop it, or wait longer with --wait SECONDS)\n"
        )
        #expect(gaveUp.out.hasPrefix("failed: the site could not be written (see the error above); Public left as it was"), "\(gaveUp.out)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))

        // Said once, at once; built when the other build lets go.
        let process = Process()
        process.executableURL = Self.rapport
        process.arguments = ["build", "--wait", "300"]
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var said = Data()
        while !said.contains(0x0A) {
            let more = err.fileHandleForReading.availableData
            if more.isEmpty { break }
            said += more
        }
        #expect(String(decoding: said, as: UTF8.self) == waiting)
        #expect(process.isRunning, "still waiting")
        flock(held, LOCK_UN)
        said += err.fileHandleForReading.readDataToEndOfFile()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: said, as: UTF8.self) == waiting, "once")
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("built 3 nl + 3 fr pages"))
    }

    /// Issue 24, items 10 and 11: out of file descriptors, a build reported "cannot read file"
    /// (without the reason) and "missing template", and with one descriptor free it died in
    /// the system's thread pool (SIGILL). Now: one error saying what is short, nothing else.
    /// The shell leaves the build `free` descriptors: `ulimit -n 64`, the rest held open.
    @Test(arguments: [1, 2, 3, 5, 7, 16])
    func withTooFewFileDescriptorsABuildSaysSoAndNothingElse(_ free: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let script = "ulimit -n 64; for i in $(seq 3 \(63 - free)); do eval \"exec $i</dev/null\"; done; exec \"$0\" build"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, Self.rapport.path]
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if free >= 16 {
            #expect(process.terminationStatus == 0 && errors.isEmpty, "\(errors)")
            return
        }
        #expect(process.terminationStatus == 1)
        #expect(
            errors
                == "error: out of file descriptors (ulimit -n 64, \(64 - free) open): nothing was built, and nothing is reported about files that could not be opened (close other programs, or raise the limit with ulimit -n, then build again)\n"
        )
        #expect(output.hasPrefix("failed: the site could not be written (see the error above); Public left as it was"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}
