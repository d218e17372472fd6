import Diagnostics
import Foundation
import RapportBase
import RapportCore
import RapportTestSupport
import Testing

/// One `Pipeline.Destination` says where a build goes (issue 15 item 2): the same site
/// rendered into a folder, into memory, or only validated.
@Suite struct DestinationTests {
    private func run(_ site: TestSite, _ destination: Pipeline.Destination) -> Pipeline.Result {
        Pipeline(.init(content: site.content, templates: site.templates, destination: destination)).run()
    }

    private func besideOutput(_ site: TestSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix("Public") || $0.hasPrefix(".Public") }
            .sorted()
    }

    @Test func theThreeDestinationsRenderTheSameSite() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        let checked = run(site, .validateOnly)
        #expect(checked.succeeded)
        #expect(checked.files.isEmpty, "validating keeps no file")
        #expect(try besideOutput(site) == [], "validating writes nothing, not even a lock")

        // Validating renders what a build renders, but the charts' pictures (it draws none).
        var withoutPictures = Pipeline.Options(content: site.content, templates: site.templates, destination: .memory)
        withoutPictures.pictures = false
        let plain = Pipeline(withoutPictures).run()
        #expect(plain.written.files == checked.written.files && plain.written.bytes == checked.written.bytes)

        let kept = run(site, .memory)
        #expect(kept.succeeded)
        #expect(kept.written.files > checked.written.files, "the pictures")
        #expect(kept.files.count == kept.written.files)
        #expect(try besideOutput(site) == [], "a build in memory writes nothing")

        let built = run(site, .folder(site.output))
        #expect(built.succeeded)
        #expect(built.files.isEmpty, "a build into a folder keeps no file in memory")
        #expect(built.written.files == kept.written.files)
        for file in kept.files {
            #expect((try? Files.read(site.output.appendingPathComponent(file.path).path).get()) == file.bytes, "\(file.path) differs")
        }
        let beside = try besideOutput(site)
        // The values of the build, and the store of its pictures (PNGStore).
        #expect(beside == [".Public.cache", ".Public.values", "Public"], "\(beside)")
    }

    /// The content checks run before rendering: a page without its translation never opens
    /// the output folder (no lock, no staging folder).
    @Test func contentErrorsNeverOpenTheFolder() throws {
        var files = TestSite.minimal
        files["Content/nl/alleen.md"] = TestSite.page("Alleen", order: 9)
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = run(site, .folder(site.output))
        #expect(
            site.messages(result) == [
                "Content/nl/alleen.md:1:1: error: page \"alleen.md\" exists in Dutch only (add its translation as Content/fr/alleen.md)"
            ])
        #expect(try besideOutput(site) == [])
    }
}
