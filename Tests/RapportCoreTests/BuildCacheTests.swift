import Foundation
import RapportBase
@testable import RapportCore
import RapportTestSupport
import Testing

/// The build cache is a hint, never the truth (issue 22): after any sequence of edits, a build
/// with the cache gives every file byte for byte as a clean build without it.
@Suite struct BuildCacheTests {
    /// Random sequences of edits to a small study, each compared after every step. A failure
    /// names its seed: `RAPPORT_CACHE_SEED=<seed>` replays that one sequence.
    @Test func cachedBuildsEqualCleanBuildsAfterRandomEdits() throws {
        let given = ProcessInfo.processInfo.environment["RAPPORT_CACHE_SEED"].flatMap { UInt64($0) }
        let seeds: [UInt64] = given.map { [$0] } ?? [1, 2, 3]
        var hits = 0
        for seed in seeds {
            let (difference, used) = try CacheProperty.run(seed: seed, steps: 14)
            #expect(difference == nil, "seed \(seed): \(difference ?? "")")
            hits += used
        }
        #expect(hits > 0, "the cache was never used: the comparison proves nothing")
    }

    /// A chart placed in one chapter moves the numbers of the figures in the chapters after it
    /// ("Figuur 3" becomes "Figuur 4"): those pages are not taken from the cache as they were.
    @Test func aChartPlacedEarlierRenumbersTheCachedChaptersAfterIt() throws {
        let (difference, _) = try CacheProperty.run(seed: 11, steps: 4, only: [.chartPlaced])
        #expect(difference == nil, "\(difference ?? "")")
    }

    /// Translations marked done, then their sources edited: the translation record and the
    /// sections it is checked against come from the cache, and every "behind" warning is there
    /// (and gone once marked again), as without it.
    @Test func translationWarningsAreTheSameFromTheCache() throws {
        var study = try CacheStudy(seed: 5)
        defer { study.site.cleanUp() }
        func behind() throws -> [String] {
            let options = Pipeline.Options(content: study.site.content, templates: study.site.templates, destination: .folder(study.site.output))
            let descriptions = Pipeline(options).run().diagnostics.map(\.description)
            return descriptions.filter { $0.contains("is behind its source") }
        }
        try study.apply(.translationsMarked)
        #expect(try study.compare() == nil)
        #expect(try behind() == [])
        for edit in [CacheStudy.Edit.paragraph, .label, .heading] {
            try study.apply(edit)
            #expect(try study.compare() == nil, "after \(edit)")
            let warnings = try behind()
            #expect(warnings.count == 1, "after \(edit): \(warnings)")
            try study.apply(.translationsMarked)
            #expect(try study.compare() == nil, "marked again after \(edit)")
            #expect(try behind() == [], "marked again after \(edit)")
        }
    }

    /// The property test has teeth: a cache that forgets one dependency (the datasets a page
    /// uses, the UI strings, the templates) takes a page as it was after that input changed,
    /// and is caught.
    @Test(arguments: [
        (CacheDependency.datasets, CacheStudy.Edit.value), (.uiStrings, .uiString), (.templates, .template),
    ])
    func aCacheThatForgetsADependencyIsCaught(forgets: CacheDependency, edit: CacheStudy.Edit) throws {
        let (difference, _) = try CacheProperty.run(seed: 7, steps: 3, only: [edit], forgets: forgets)
        #expect(difference?.hasSuffix(" differs") == true, "a cache that forgets \(forgets) went unnoticed: \(difference ?? "")")
    }

    /// Whatever is in the cache folder, the build is the same: entries truncated, overwritten
    /// with garbage, written by another Rapport (another identity), or a file where the folder
    /// should be. Nothing there that Rapport did not write is removed.
    @Test func aDamagedCacheIsIgnored() throws {
        let study = try CacheStudy(seed: 3)
        defer { study.site.cleanUp() }
        let cache = BuildCache.folder(beside: study.site.output)
        #expect(try study.compare() == nil)
        let pages = cache.appendingPathComponent("pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted()
        #expect(!names.isEmpty)
        try Data("not ours".utf8).write(to: cache.appendingPathComponent("png-note.txt"))
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("png"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: cache.appendingPathComponent("png/other.png"))
        for (index, name) in names.enumerated() {
            let file = pages.appendingPathComponent(name)
            var bytes = try [UInt8](Data(contentsOf: file))
            switch index % 3 {
            case 0: bytes = Array(bytes.prefix(bytes.count / 2))  // half-written
            case 1: bytes[25] ^= 0xff  // another Rapport's identity
            default: bytes = bytes.map { $0 ^ 0x5a }  // garbage
            }
            try Data(bytes).write(to: file)
        }
        try study.site.write("Content/nl/c1.md", study.files["Content/nl/c1.md"]! + "\nNog een zin.\n")
        let result = try study.compareResult()
        #expect(result.difference == nil, "\(result.difference ?? "")")
        #expect(result.hits == 0, "a damaged entry was used")
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("png/other.png").path))
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("png-note.txt").path))

        // A symbolic link where a subfolder goes: nothing is written through it.
        let elsewhere = study.site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: pages)
        try FileManager.default.createSymbolicLink(at: pages, withDestinationURL: elsewhere)
        try study.site.write("Content/nl/c1.md", study.files["Content/nl/c1.md"]! + "\nEen derde zin.\n")
        #expect(try study.compare() == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [], "the cache wrote through a link")

        // A file where the cache folder goes: built without a cache, the file left as it was (the
        // pictures' store, which lives there too, says so in one warning).
        try FileManager.default.removeItem(at: cache)
        try Data("mine".utf8).write(to: cache)
        #expect(try study.compare(expecting: "the pictures' store is not a folder Rapport can use") == nil)
        #expect(try Data(contentsOf: cache) == Data("mine".utf8))
    }

    /// Datasets are taken from the cache too, but never their warnings' silence: a dataset with
    /// a warning is parsed (and warns) on every build. And nothing is written beside an output
    /// folder Rapport refuses (the datasets are read before the output folder is checked).
    @Test func datasetsComeFromTheCacheWithTheirWarningsAndNeverBesideAForeignFolder() throws {
        let study = try CacheStudy(seed: 5)
        defer { study.site.cleanUp() }
        let options = Pipeline.Options(content: study.site.content, templates: study.site.templates, destination: .folder(study.site.output))
        #expect(Pipeline(options).run().succeeded)
        let kept = try FileManager.default.contentsOfDirectory(
            atPath: BuildCache.folder(beside: study.site.output).appendingPathComponent("datasets").path)
        #expect(!kept.isEmpty, "no dataset was kept")
        // A series base under 30 warns; the warning is there on the second build too.
        let yml = try String(contentsOf: study.site.content.appendingPathComponent("data/d1.yml"), encoding: .utf8)
        try study.site.write("Content/data/d1.yml", yml.replacingOccurrences(of: "    fr: Part\n", with: "    fr: Part\n    n: 12\n"))
        for _ in 0..<2 {
            let result = Pipeline(options).run()
            #expect(result.diagnostics.contains { $0.severity == .warning && $0.location.file.hasSuffix("d1.yml") }, "\(study.site.messages(result))")
        }
        // An output folder that is not Rapport's: refused, and no cache folder appears beside it.
        let foreign = study.site.root.appendingPathComponent("Foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        var elsewhere = options
        elsewhere.destination = .folder(foreign)
        #expect(Pipeline(elsewhere).run().failure != nil)
        #expect(!FileManager.default.fileExists(atPath: BuildCache.folder(beside: foreign).path))
    }

    /// A rebuild with nothing changed takes every page from the cache; `--no-cache` neither
    /// reads nor writes it.
    @Test func anUnchangedRebuildTakesEveryPageFromTheCache() throws {
        let study = try CacheStudy(seed: 4)
        defer { study.site.cleanUp() }
        var options = Pipeline.Options(content: study.site.content, templates: study.site.templates, destination: .folder(study.site.output))
        options.skipsWhenUpToDate = false
        let first = Pipeline(options).run()
        #expect(first.succeeded && first.cachedPages.hits == 0 && first.cachedPages.misses > 0)
        let second = Pipeline(options).run()
        #expect(second.cachedPages.hits == first.cachedPages.misses && second.cachedPages.misses == 0)
        let cache = BuildCache.folder(beside: study.site.output)
        try FileManager.default.removeItem(at: cache)
        options.useCache = false
        #expect(Pipeline(options).run().succeeded)
        #expect(!FileManager.default.fileExists(atPath: cache.path), "--no-cache wrote a cache")
    }
}

/// A deterministic random number generator (SplitMix64): the same seed, the same edits.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

enum CacheProperty {
    /// The first difference between the cached and the clean build over `steps` random edits
    /// (nil: none), and how many pages came from the cache.
    static func run(
        seed: UInt64, steps: Int, only: [CacheStudy.Edit]? = nil, forgets: CacheDependency? = nil
    ) throws -> (String?, Int) {
        var study = try CacheStudy(seed: seed)
        defer { study.site.cleanUp() }
        var hits = 0
        var first = try study.compareResult(forgets: forgets)
        if let difference = first.difference { return ("before any edit: \(difference)", 0) }
        for step in 1...steps {
            let edit = study.randomEdit(from: only)
            try study.apply(edit)
            first = try study.compareResult(forgets: forgets)
            hits += first.hits
            if let difference = first.difference { return ("step \(step) (\(edit)): \(difference)", hits) }
        }
        return (nil, hits)
    }
}
