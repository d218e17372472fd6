import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

#if canImport(Glibc)
import Glibc
#endif

/// The output folder's surroundings (issue 24, item 11): `--output` in a folder that does not
/// exist yet is created; the lock file beside the output goes when the build ends, removed only
/// by the build that holds it, so two builds still never write at once.
@Suite struct BuildLockTests {
    private func build(_ site: TestSite, output: URL) -> Pipeline.Result {
        Pipeline(.init(content: site.content, templates: site.templates, destination: .folder(output))).run()
    }

    @Test func anOutputInAFolderThatDoesNotExistIsCreatedWithIt() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let output = site.root.appendingPathComponent("out/site/Public")
        let result = build(site, output: output)
        #expect(result.succeeded, "\(String(describing: result.failure))")
        #expect(try String(contentsOf: output.appendingPathComponent("nl/index.html"), encoding: .utf8).contains("Welkom."))
    }

    @Test func aFileWhereTheOutputsFolderShouldBeIsOneClearError() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write("notes", "my notes\n")
        let result = build(site, output: site.root.appendingPathComponent("notes/Public"))
        #expect(!result.succeeded)
        #expect(
            result.failure?.message
                == "cannot create \(site.root.path)/notes/Public: \(site.root.path)/notes is a file, not a folder (choose another --output)"
        )
        #expect((try? String(contentsOf: site.root.appendingPathComponent("notes"), encoding: .utf8)) == "my notes\n")
    }

    @Test func noLockFileIsLeftAfterABuild() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let lock = site.root.appendingPathComponent(".Public.lock").path
        #expect(site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: lock))
        // A build that fails after taking the lock (a link checked once every page is rendered).
        try site.write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Zie [dood](nergens.md)."))
        #expect(!site.build().succeeded)
        #expect(!FileManager.default.fileExists(atPath: lock))
    }

    @Test func theLockFileGoesOnlyWithTheLastBuildThatHeldIt() async throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let path = site.root.appendingPathComponent(".Public.lock").path
        var first: BuildLock? = try BuildLock(beside: site.output, waiting: nil)
        let second = Holder()
        let output = site.output
        let thread = Thread {
            second.lock = try? BuildLock(beside: output, waiting: { _ in second.waited = true })
        }
        thread.start()
        for _ in 0..<500 where !second.waited { try await Task.sleep(for: .milliseconds(10)) }
        #expect(second.waited && second.lock == nil, "the second build waits")
        first = nil
        for _ in 0..<500 where second.lock == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(second.lock != nil && first == nil)
        // The first build removed its file as it let go: the second one holds the lock of the
        // file at the path now, so a newcomer waits for it.
        #expect(Self.isLockedByAnother(path), "a third build cannot take the lock while the second holds it")
        second.lock = nil
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aLockFileSomeoneElseHoldsIsNeverRemoved() async throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let path = site.root.appendingPathComponent(".Public.lock").path
        // Another program (or an older rapport) holds the lock and keeps the file.
        let held = open(path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(held, LOCK_EX) == 0)
        let ours = Holder()
        let output = site.output
        let thread = Thread { ours.lock = try? BuildLock(beside: output, waiting: { _ in ours.waited = true }) }
        thread.start()
        for _ in 0..<500 where !ours.waited { try await Task.sleep(for: .milliseconds(10)) }
        #expect(FileManager.default.fileExists(atPath: path), "kept while the other holds it")
        flock(held, LOCK_UN)
        close(held)
        for _ in 0..<500 where ours.lock == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(ours.lock != nil)
        ours.lock = nil
        #expect(!FileManager.default.fileExists(atPath: path), "removed by the build that held it last")
    }

    /// Whether the file at `path` is locked by someone else (a third build would wait).
    static func isLockedByAnother(_ path: String) -> Bool {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }
}

private final class Holder: @unchecked Sendable {
    private let mutex = NSLock()
    private var _lock: BuildLock?
    private var _waited = false
    var lock: BuildLock? {
        get { mutex.withLock { _lock } }
        set { mutex.withLock { _lock = newValue } }
    }
    var waited: Bool {
        get { mutex.withLock { _waited } }
        set { mutex.withLock { _waited = newValue } }
    }
}
