#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a file: refused, too large, not UTF-8, an invisible character in it.
public enum FileProblem: Hashable, Sendable {
    /// A file that was not read (`Files.read`), said at the file.
    case refused(FileRefusal)
    /// Not UTF-8 at its first invalid byte; `windows1252` is what the byte stands for in
    /// Windows-1252, when it stands for something. The advice depends on the `file`'s kind.
    case notUTF8(byte: UInt8, windows1252: String?, file: String)
    /// An invisible character (`codePoint`: `U+FEFF`) in a text.
    case invisibleCharacter(codePoint: String, InvisibleCharacter)
    /// A symbolic link pointing outside the folder `root` (`Content`).
    case linkOutside(root: String)

    public var message: String {
        switch self {
        case let .refused(refusal): refusal.reason
        case let .notUTF8(byte, windows1252, _):
            "file is not valid UTF-8" + (windows1252.map { ": byte \(hex(byte)) is probably \"\($0)\" saved as Windows-1252" } ?? " (byte \(hex(byte)))")
        case let .invisibleCharacter(codePoint, character): "invisible character \(codePoint) (\(character.name))"
        case let .linkOutside(root): "symbolic link pointing outside \(root) is not read"
        }
    }

    public var fix: String? {
        switch self {
        case let .refused(refusal): refusal.fix
        case let .notUTF8(_, _, file):
            file.lowercased().hasSuffix(".csv")
                // The menus named in English, Dutch and French: Excel and LibreOffice speak the
                // language they were installed in.
                ? "save it as UTF-8: in Excel, Save As (Opslaan als, Enregistrer sous) with the file type \"CSV UTF-8\"; in LibreOffice, Save As with \"Edit filter settings\" ticked (Filterinstellingen bewerken, Éditer les paramètres du filtre), then the character set Unicode (UTF-8)"
                : "save it as UTF-8: in your text editor, Save As with the encoding UTF-8"
        case .invisibleCharacter: retypeFix
        case let .linkOutside(root): "copy the file into \(root) instead of linking to it"
        }
    }

    private func hex(_ byte: UInt8) -> String { "0x\(byte < 16 ? "0" : "")\(String(byte, radix: 16, uppercase: true))" }
}

/// The fix of a character that cannot be seen or should not be there.
let retypeFix = "delete it: retype this part of the line; it often comes from pasting or joining files"

/// Characters that take no room on screen but change the text (a byte order mark left where
/// two files were joined, a zero-width space pasted from a web page).
public enum InvisibleCharacter: Hashable, Sendable {
    case byteOrderMark, zeroWidthSpace, directionMark, wordJoiner, directionControl

    /// The kind of `scalar`, nil for a character that is not invisible.
    public init?(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0xFEFF: self = .byteOrderMark
        case 0x200B: self = .zeroWidthSpace
        case 0x200E, 0x200F: self = .directionMark
        case 0x2060: self = .wordJoiner
        case 0x202A...0x202E, 0x2066...0x2069: self = .directionControl
        default: return nil
        }
    }

    /// What the character is, as a message names it.
    var name: String {
        switch self {
        case .byteOrderMark: "a byte order mark"
        case .zeroWidthSpace: "a zero-width space"
        case .directionMark: "a direction mark"
        case .wordJoiner: "a word joiner"
        case .directionControl: "a direction control"
        }
    }
}

/// Why a file was not read (`Files.read`, `Files.refusal`).
public enum FileRefusal: Error, Hashable, Sendable {
    case missing
    case folder
    /// A FIFO, a device or a socket.
    case special(SpecialFile)
    /// A symbolic link where none is followed.
    case link
    case tooLarge(size: Int, limit: FileLimit)
    /// What the system said (`errno`): no permission, out of file descriptors …
    case system(Int32)

    public enum SpecialFile: Hashable, Sendable {
        case fifo, characterDevice, blockDevice, socket, other
    }

    /// What the file is, said in one clause ("this is a FIFO (named pipe), not a regular
    /// file"; "file is 300,000,000 bytes (300 MB), more than the 64 MB Rapport reads of a
    /// text file"; "cannot read file: Too many open files").
    public var reason: String {
        switch self {
        case .missing: "file does not exist"
        case .folder: "this is a folder, not a file"
        case let .special(kind): "this is \(kind.name), not a regular file"
        case .link: "this is a symbolic link, not a regular file"
        case let .tooLarge(size, limit): "file is \(overLimit(size, limit))"
        case let .system(code): "cannot read file: \(String(cString: strerror(code)))"
        }
    }

    /// What to do about it.
    public var fix: String? {
        switch self {
        case .missing, .folder: nil
        case .special, .link: "replace it with the file itself; Rapport reads only regular files"
        case let .tooLarge(_, limit): limit.fix
        case .system:
            isDescriptorShortage
                ? "too many files are open: close other programs or raise the limit (ulimit -n), then build again" : nil
        }
    }

    /// True when the system ran out of file descriptors: not the file's fault.
    public var isDescriptorShortage: Bool {
        if case let .system(code) = self { return code == EMFILE || code == ENFILE }
        return false
    }
}

extension FileRefusal.SpecialFile {
    var name: String {
        switch self {
        case .fifo: "a FIFO (named pipe)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        case .other: "not a file"
        }
    }
}

/// The most bytes Rapport reads of one file, by what the file is for.
public struct FileLimit: Hashable, Sendable {
    public enum Use: Hashable, Sendable {
        /// Chapters, YAML, CSV, templates, SVG images (parsed), Rapport's own values file.
        case text
        /// Images, documents and assets copied into the site, the printed whole report.
        case published
    }

    public var bytes: Int
    public var use: Use

    public init(bytes: Int, use: Use) {
        self.bytes = bytes
        self.use = use
    }

    /// How a message names the limit: "the 64 MB Rapport reads of a text file".
    var role: String {
        switch use {
        case .text: "reads of a text file"
        case .published: "publishes of a file"
        }
    }

    /// What to do about a file over it.
    var fix: String {
        switch use {
        case .text: "split it into smaller files"
        case .published: "make it smaller (compress it, or split it), or publish it elsewhere and link to its address"
        }
    }
}

/// "300,000,000 bytes (300 MB), more than the 64 MB Rapport reads of a text file".
func overLimit(_ size: Int, _ limit: FileLimit) -> String {
    let shown = size < 1_000_000 ? "\(groupedThousands(size)) bytes" : "\(groupedThousands(size)) bytes (\(megabytes(size)))"
    let most = limit.bytes < 1_000_000 ? "\(groupedThousands(limit.bytes)) bytes" : megabytes(limit.bytes)
    return "\(shown), more than the \(most) Rapport \(limit.role)"
}

/// `64 MB`, `2.1 GB`, `0.3 MB` (decimal units, as file managers show sizes).
func megabytes(_ bytes: Int) -> String {
    func shown(_ value: Double, _ unit: String) -> String {
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + unit
    }
    return bytes >= 1_000_000_000 ? shown(Double(bytes) / 1e9, "GB") : shown(Double(bytes) / 1e6, "MB")
}
