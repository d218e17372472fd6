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

extension SiteWriter {
    /// Puts the file at `source` (a picture of the PNG store: Rapport's own, never rewritten in
    /// place) into the staging folder as a hard link to it: no byte is copied, and a rebuild
    /// knows an unchanged picture from its inode alone (the study's pictures are 28 of its
    /// 40 MB). Linked beside and renamed over, as every file is written. Where no link can be
    /// made (the store on another file system …), the bytes are copied.
    func link(_ relativePath: String, to source: String) throws(BuildFailure) {
        let path = stagingPath + "/" + relativePath
        var here = stat(), there = stat()
        guard stat(source, &there) == 0 else { return try copy(relativePath, from: source) }
        if lstat(path, &here) == 0, here.st_ino == there.st_ino, here.st_dev == there.st_dev { return }
        guard let slash = path.lastIndex(of: "/") else { return try copy(relativePath, from: source) }
        let folder = String(path[..<slash])
        let temporary = folder + "/.rapport-new." + String(path[path.index(after: slash)...])
        unlink(temporary)  // one left by a build that was killed
        var linked = systemLink(source, temporary) == 0
        if !linked, errno == ENOENT {
            Self.makeFolder(folder, below: stagingPath)
            linked = systemLink(source, temporary) == 0
        }
        if linked {
            if rename(temporary, path) == 0 { return }
            unlink(temporary)
        }
        try copy(relativePath, from: source)
    }

    private func copy(_ relativePath: String, from source: String) throws(BuildFailure) {
        switch Files.read(source, limit: .published, links: .refuse) {
        case let .success(bytes): try write(relativePath, FileContents(bytes))
        case let .failure(refusal): throw BuildFailure(message: "cannot write \(outputDisplay)/\(relativePath): \(refusal.reason)")
        }
    }
}

private func systemLink(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.link(source, destination)
    #elseif canImport(Musl)
    Musl.link(source, destination)
    #else
    Darwin.link(source, destination)
    #endif
}
