#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

import Diagnostics

/// Rapport's one rule for symbolic links, wherever it reads (`Content/`, `Templates/`, the
/// assets): a link whose target lies inside the folder being read is followed, as if the file
/// were there; a link pointing outside it (or nowhere, or to a folder above itself) is refused,
/// and its target is never opened, so a diagnostic can never show what it points to.
extension Files {
    /// The canonical absolute path (`realpath`), or nil when nothing is there.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` (after following every link) lies inside `root` (after the same).
    public static func resolves(_ path: String, inside root: String) -> Bool {
        guard let real = realPath(path), let realRoot = realPath(root) else { return false }
        return real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }

    /// Like `list`, with links inside `within` (by default `root` itself) followed: a link to a
    /// file is listed as a file, a link to a folder is walked (once: a link back to a folder
    /// being walked is refused). A refused link is listed with kind `.refusedLink`. Nothing is
    /// listed when `root` itself leads outside `within`.
    public static func listFollowingInside(_ root: String, within: String? = nil, recursive: Bool = true) -> [Entry] {
        guard let realRoot = realPath(root), let realWithin = realPath(within ?? root),
            realRoot == realWithin || realRoot.hasPrefix(realWithin + "/")
        else { return [] }
        let prefix = realWithin.hasSuffix("/") ? realWithin : realWithin + "/"
        var walking: Set<String> = [realRoot]
        var entries: [Entry] = []
        func walk(_ relative: String, real: String) {
            for entry in list(relative.isEmpty ? root : root + "/" + relative, recursive: false) {
                let child = relative.isEmpty ? entry.path : relative + "/" + entry.path
                switch entry.kind {
                case .file, .other, .refusedLink:
                    entries.append(Entry(path: child, kind: entry.kind))
                case .folder:
                    entries.append(Entry(path: child, kind: .folder))
                    if recursive {
                        let realChild = real + "/" + entry.path
                        walking.insert(realChild)
                        walk(child, real: realChild)
                        walking.remove(realChild)
                    }
                case .symbolicLink:
                    guard let target = realPath(root + "/" + child), target.hasPrefix(prefix) else {
                        entries.append(Entry(path: child, kind: .refusedLink))
                        continue
                    }
                    switch kind(ofPath: target) {
                    case .file, .other:
                        // A FIFO or device is listed as what it is: reading refuses it by name.
                        entries.append(Entry(path: child, kind: kind(ofPath: target)))
                    case .folder where !walking.contains(target):
                        entries.append(Entry(path: child, kind: .folder))
                        if recursive {
                            walking.insert(target)
                            walk(child, real: target)
                            walking.remove(target)
                        }
                    default:
                        entries.append(Entry(path: child, kind: .refusedLink))
                    }
                }
            }
        }
        walk("", real: realRoot)
        return entries.sorted { $0.path < $1.path }
    }

    /// The one message for a refused link (its target is not shown: it was never read).
    public static func refusedLink(_ file: String, root: String) -> Diagnostic {
        var diagnostic = Diagnostic.error(SourceLocation(file: file), .file(.linkOutside(root: root)))
        diagnostic.quotesSource = false
        return diagnostic
    }
}
