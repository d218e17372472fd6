import Foundation
import RapportCore
import RapportTestSupport
import Testing

@testable import RapportServe

/// Issue 22, item 3: a save of a chapter is served at once, before the full build that follows
/// it ends; a page reloads only when what it shows changed; the served site holds each file once.
@Suite struct SavedPageTests {
    /// Holds each full build after the first until the test lets it go: what is served meanwhile
    /// cannot come from a full build.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private let semaphore = DispatchSemaphore(value: 0)
        private var waiting = 0
        var held: Int { lock.withLock { waiting } }
        func hold() {
            lock.withLock { waiting += 1 }
            semaphore.wait()
            lock.withLock { waiting -= 1 }
        }
        func release() { semaphore.signal() }
    }

    /// What the server's hooks reported: full builds published, and each save's changed pages.
    final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private var builds = 0
        private var saves: [[String]?] = []
        var fullBuilds: Int { lock.withLock { builds } }
        var decisions: [[String]?] { lock.withLock { saves } }
        func built() { lock.withLock { builds += 1 } }
        func decided(_ pages: [String]?) { lock.withLock { saves.append(pages) } }
    }

    static func finances(_ text: String, title: String = "Financiën") -> String {
        TestSite.page(
            title, order: 2, slug: "financien", "## Inkomsten\n\nGeld: {{volunteer-tasks:admin}}.\n\n\(text)\n\n```chart volunteer-tasks\n```\n")
    }

    /// The version a served page's reload script holds.
    static func version(_ body: String) -> String? {
        body.components(separatedBy: "var b=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
    }

    static func poll(_ page: String, _ version: String) -> String { "/_rapport/events?build=\(version)&page=\(page)" }

    static func start(_ site: TestSite, gate: Gate? = nil, longPoll: Duration = .seconds(25)) async throws -> (PreviewServer, RawHTTP, Record) {
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = { _, _ in }
        options.longPollTimeout = longPoll
        let server = PreviewServer(options)
        let record = Record()
        server.hooks.afterFullBuild = { record.built() }
        server.hooks.changedPages = { record.decided($0) }
        if let gate { server.hooks.beforeFullBuild = { gate.hold() } }
        try await server.start()
        return (server, RawHTTP(port: await server.port), record)
    }

    @Test func aSavedChapterIsServedBeforeTheFullBuildEnds() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let gate = Gate()
        let (server, http, record) = try await Self.start(site, gate: gate)
        let source = site.content.path + "/nl/finances.md"
        // Two saves of the same page: each is served while its full build is held.
        for (round, text) in ["Eerste versie van de tekst.", "Tweede versie van de tekst."].enumerated() {
            try site.write("Content/nl/finances.md", Self.finances(text))
            await eventually("the saved page to be served") { await http.get("/nl/financien/").body.contains(text) }
            #expect(record.decisions.count == round + 1 && record.decisions.last == .some([source]), "\(record.decisions)")
            #expect(record.fullBuilds == round + 1, "served before the full build after the save ended")
            await eventually("the full build to wait") { gate.held == 1 }
            gate.release()
            await eventually("the full build") { record.fullBuilds == round + 2 }
        }
        // The full build made what else depends on the change (the whole report, search).
        let files = await server.state.current.site.files
        let holding = files.filter { Array($0.value).firstRange(of: Array("Tweede versie".utf8)) != nil }.keys.sorted()
        #expect(holding.count > 1 && holding.contains("nl/financien/index.html"), "\(holding)")
        #expect(!files.values.contains { Array($0).firstRange(of: Array("Eerste versie".utf8)) != nil })
        await server.stop()
    }

    @Test func onlyAPageWhoseBytesChangedReloads() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let gate = Gate()
        let (server, http, record) = try await Self.start(site, gate: gate, longPoll: .seconds(1))
        let home = try #require(Self.version(await http.get("/nl/").body))
        let page = try #require(Self.version(await http.get("/nl/financien/").body))
        try site.write("Content/nl/finances.md", Self.finances("Een nieuwe alinea."))
        await eventually("the saved page to be served") { await http.get("/nl/financien/").body.contains("Een nieuwe alinea.") }
        let saved = try #require(Self.version(await http.get("/nl/financien/").body))
        #expect(saved != page)
        #expect(await http.get(Self.poll("/nl/financien/", page)).body == saved, "the page open before the save reloads")
        gate.release()
        // The home page did not change: its long polls are not answered with another version,
        // neither for the save nor for the full build after it (each poll ends after 1 s).
        var answers: [String] = []
        for _ in 0..<60 where record.fullBuilds < 2 { answers.append(await http.get(Self.poll("/nl/", home)).body) }
        answers.append(await http.get(Self.poll("/nl/", home)).body)
        #expect(record.fullBuilds == 2)
        #expect(answers.allSatisfy { $0 == home }, "\(answers) vs \(home)")
        // The full build gave the saved page the same bytes: it does not reload a second time.
        #expect(await http.get(Self.poll("/nl/financien/", saved)).body == saved)
        #expect(Self.version(await http.get("/nl/financien/").body) == saved)
        await server.stop()
    }

    @Test func aFrontMatterChangeWaitsForTheFullBuild() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let gate = Gate()
        let (server, http, record) = try await Self.start(site, gate: gate)
        try site.write("Content/nl/finances.md", Self.finances("Geld.", title: "Geldzaken"))
        await eventually("the save to be seen") { record.decisions.count == 1 }
        #expect(record.decisions == [nil], "a new title changes the navigation of every page: the full build only")
        await eventually("the full build to wait") { gate.held == 1 }
        #expect(!(await http.get("/nl/financien/").body.contains("Geldzaken")))
        gate.release()
        await eventually("the full build") { await http.get("/nl/financien/").body.contains("Geldzaken") }
        #expect(await http.get("/nl/").body.contains("Geldzaken"), "the navigation of the other pages too")
        await server.stop()
    }

    @Test func aFailedBuildShowsTheErrorPageAndItsFixReloads() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let (server, http, record) = try await Self.start(site, longPoll: .seconds(1))
        let home = try #require(Self.version(await http.get("/nl/").body))
        try site.write("Content/data/organisation/volunteer-tasks.csv", Fixtures.csv("<b>"))
        var answer = home
        for _ in 0..<60 where answer == home { answer = await http.get(Self.poll("/nl/", home)).body }
        let broken = await http.get("/nl/")
        #expect(broken.status == 500 && broken.body.contains("The site could not be built"))
        #expect(Self.version(broken.body) == answer, "the error page's script holds the version it answered")
        let stored = try #require(await server.state.current.errorPage)
        #expect(Array(stored).firstRange(of: Array("_rapport/events".utf8)) == nil, "the script is added when served, not stored")
        // While the site fails, a save of a chapter waits for the full build.
        try site.write("Content/nl/finances.md", Self.finances("Tijdens de fout."))
        await eventually("the save to be seen") { record.decisions.count == 1 }
        #expect(record.decisions == [nil])
        try site.write("Content/data/organisation/volunteer-tasks.csv", Fixtures.csv("33"))
        var fixed = answer
        for _ in 0..<60 where fixed == answer || fixed.isEmpty { fixed = await http.get(Self.poll("/nl/financien/", answer)).body }
        let page = await http.get("/nl/financien/")
        #expect(page.status == 200 && page.body.contains("Tijdens de fout.") && Self.version(page.body) == fixed)
        await server.stop()
    }

    @Test func theServedSiteHoldsEachFileOnceAsBuilt() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let (server, http, _) = try await Self.start(site)
        let files = await server.state.current.site.files
        let script = Array("_rapport/events".utf8)
        #expect(files.keys.filter { $0.hasSuffix(".html") }.count > 5)
        #expect(files.filter { Array($0.value).firstRange(of: script) != nil }.isEmpty, "no stored copy carries the script")
        #expect(site.build().succeeded)
        let built = try #require(site.read("nl/financien/index.html"))
        #expect(files["nl/financien/index.html"].map { String(decoding: Array($0), as: UTF8.self) } == built)
        let served = await http.get("/nl/financien/")
        #expect(served.body.contains("_rapport/events") && served.body.count > built.count)
        await server.stop()
    }
}
