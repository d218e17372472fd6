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

    private static let magic = "rapport up-to-date 2"

    /// The stamps of what the build leaves: the output folder, its files and folders, and the
    /// values file beside it (read by the next build to say what changed).
    static func outputs(_ output: URL) -> Digest {
        var digest = Digest()
        addStamps(of: output.path, to: &digest)
        if let values = stamp(ValueSnapshot.file(beside: output).path) { digest.add(values) } else { digest.add("no values") }
        return digest
    }

    /// Every entry under `root` by name, in name order, with its stamp, and `root`'s own stamp
    /// ("missing" when there is nothing there). A symbolic link gives the stamp of what it points
    /// at (the content may link to its own files) and is not walked into. The folders right
    /// under `root` are walked on all cores: the output at N = 1,000 pages holds 50,000 files.
    private static func addStamps(of root: String, to digest: inout Digest) {
        guard let own = stamp(root) else {
            digest.add("missing")
            return
        }
        digest.add(own)
        let top = entries(of: root)
        let parts = top.parallelMap { entry -> Digest in
            var part = Digest()
            if entry.isFolder { walk(root + "/" + entry.name, into: &part) }
            return part
        }
        for (entry, part) in zip(top, parts) {
            digest.add(entry.name)
            digest.add(entry.stamp)
            digest.add(part)
        }
    }

    private struct Entry: Sendable {
        var name: String
        var stamp: FileStamp
        var isFolder: Bool
    }

    private static func walk(_ folder: String, into digest: inout Digest) {
        for entry in entries(of: folder) {
            digest.add(entry.name)
            digest.add(entry.stamp)
            if entry.isFolder { walk(folder + "/" + entry.name, into: &digest) }
        }
    }

    /// The entries of one folder, in name order, each stamped with one `fstatat` (two for a link).
    private static func entries(of folder: String) -> [Entry] {
        guard let stream = opendir(folder) else { return [] }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let isLink = (info.st_mode & S_IFMT) == S_IFLNK
            let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            if isLink, fstatat(descriptor, name, &info, 0) != 0 { info = stat() }
            entries.append(Entry(name: name, stamp: FileStamp(info), isFolder: isFolder))
        }
        return entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
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
        add(UInt64(bitPattern: stamp.modified))
        add(UInt64(bitPattern: stamp.modifiedNanoseconds))
    }
}
