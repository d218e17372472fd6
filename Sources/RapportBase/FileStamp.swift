#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// What tells one state of a file from another without reading it: its device, inode, size,
/// status-change time and modification time. The change time moves with every write, rename or
/// `touch`, and no program can set it back (unlike the modification time), so a file with the
/// same stamp as before has not been written since; the modification time is there for file
/// systems that keep no change time of their own (FAT gives its creation time).
public struct FileStamp: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var changed: Int64
    public var changedNanoseconds: Int64
    public var modified: Int64 = 0
    public var modifiedNanoseconds: Int64 = 0

    public init(
        device: UInt64, inode: UInt64, size: Int64, changed: Int64, changedNanoseconds: Int64, modified: Int64 = 0,
        modifiedNanoseconds: Int64 = 0
    ) {
        (self.device, self.inode, self.size, self.changed, self.changedNanoseconds) = (device, inode, size, changed, changedNanoseconds)
        (self.modified, self.modifiedNanoseconds) = (modified, modifiedNanoseconds)
    }

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        changed = Int64(info.st_ctimespec.tv_sec)
        changedNanoseconds = Int64(info.st_ctimespec.tv_nsec)
        modified = Int64(info.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #else
        changed = Int64(info.st_ctim.tv_sec)
        changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// The stamp of the file at `path` (not following a symbolic link), nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}
