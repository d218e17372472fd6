import Foundation
import RapportBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// "Nothing changed": a build that would write the very files the output folder already holds
/// is not made again (as `make` says "nothing to be done"). After a build that succeeded without
/// a single diagnostic, `.Public.cache/up-to-date` keeps what it was made from (this Rapport,
/// the options, and the stamp of every file and folder of the content, the templates and the
/// printed reports: FileStamp, whose change time moves with every write), and the stamps of
/// what it left (every file and folder of the output, and the values file). A build that finds
/// both unchanged, under the build lock, reports the site up to date and touches nothing.
///
/// Anything else is a full build: an edit, a file added or removed anywhere in the inputs, a
/// file of the output touched or removed, other options, another Rapport, a last build with a
/// warning (its warnings are said again by building), a damaged or missing record. Only
/// `rapport build` into a folder with the cache; never the preview, `--no-cache` or the tests'
/// dependency switches.
struct UpToDate {
    /// The record's place: in the build cache's folder, beside its subfolders.
    let file: String
    /// What the build is made from and with.
    let inputs: Digest

    init?(_ options: Pipeline.Options) {
        guard case let .folder(output) = options.destination, options.useCache, options.memoryCache == nil,
            options.cacheForgets == nil, !options.showDrafts, options.skipsWhenUpToDate
        else { return nil }
        file = BuildCache.folder(beside: output).path + "/up-to-date"
        var digest = BuildCache.executableIdentity
        let settings = [
            options.content.standardizedFileURL.path, options.templates.standardizedFileURL.path, output.standardizedFileURL.path,
            options.baseURL ?? "", "strict=\(options.strict)", "pictures=\(options.pictures)", options.printedReports?.path ?? "",
        ]
        for setting in settings { digest.add(setting) }
        var roots = [options.content.path, options.templates.path]
        if let printed = options.printedReports { roots.append(printed.path) }
        for root in roots { Self.addStamps(of: root, to: &digest) }
        inputs = digest
    }

    /// The pages and charts of the last build, when it was made from these very inputs and
    /// the output folder is as it left it; nil when a build is needed.
    func lastBuild(output: URL) -> (pages: [Language: Int], languages: [Language], charts: Int)? {
        guard case let .success(bytes) = Files.read(file, links: .refuse) else { return nil }
        var reader = CacheReader(bytes)
        guard reader.string() == Self.magic, reader.digest() == inputs, let outputs = reader.digest(),
            let codes = reader.strings(), let counts = reader.list({ $0.int() }), counts.count == codes.count,
            let charts = reader.int(), reader.atEnd
        else { return nil }
        let languages = codes.compactMap { Language(code: $0) }
        guard languages.count == codes.count, Self.outputs(output) == outputs else { return nil }
        return (Dictionary(uniqueKeysWithValues: zip(languages, counts)), languages, charts)
    }

    /// After a build: kept when it succeeded without a diagnostic (the output as it is now),
    /// else forgotten.
    func record(_ result: Pipeline.Result, output: URL) {
        guard result.failure == nil, result.diagnostics.isEmpty else {
            unlink(file)
            return
        }
        var writer = CacheWriter()
        writer.string(Self.magic)
        writer.digest(inputs)
        writer.digest(Self.outputs(output))
        writer.strings(result.languages.map(\.code))
        writer.list(result.languages) { $0.int(result.pages[$1] ?? 0) }
        writer.int(result.charts)
        _ = SiteWriter.replaceFile(file, FileContents(writer.bytes))
    }

    private static let magic = "rapport up-to-date 1"

    /// The stamps of what the build leaves: the output folder, its files and folders, and the
    /// values file beside it (read by the next build to say what changed).
    static func outputs(_ output: URL) -> Digest {
        var digest = Digest()
        addStamps(of: output.path, to: &digest)
        if let values = stamp(ValueSnapshot.file(beside: output).path) { digest.add(values) } else { digest.add("no values") }
        return digest
    }

    /// Every entry under `root` by path, kind and stamp, and `root`'s own stamp ("missing"
    /// when there is nothing there). Links are followed (the content may link to its files).
    private static func addStamps(of root: String, to digest: inout Digest) {
        guard let own = stamp(root) else {
            digest.add("missing")
            return
        }
        digest.add(own)
        for entry in Files.list(root) {
            digest.add(entry.path)
            digest.add(entry.kind.rawValue)
            if let found = stamp(root + "/" + entry.path) { digest.add(found) } else { digest.add("gone") }
        }
    }

    private static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

extension Digest {
    mutating func add(_ stamp: FileStamp) {
        add(stamp.device)
        add(stamp.inode)
        add(UInt64(bitPattern: stamp.size))
        add(UInt64(bitPattern: stamp.changed))
        add(UInt64(bitPattern: stamp.changedNanoseconds))
    }
}
