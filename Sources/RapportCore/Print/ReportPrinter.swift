import Foundation
import RapportBase

/// `rapport pdf`: prints the whole report of every language of a built site into the folder
/// beside it (`.Public.pdf/`), each PDF named after the fingerprint its page carries
/// (`data-print-source`, FullReport.swift). The next build publishes a PDF, and links to it,
/// only while its page is still exactly the one printed.
///
/// The folder holds nothing but these PDFs: a PDF of an earlier text (a name of sixteen
/// hexadecimal digits and `.pdf`) is removed; anything else there is left alone.
public struct ReportPrinter {
    public let site: URL
    public let engine: PrintEngine

    public init(site: URL, engine: PrintEngine) {
        self.site = site
        self.engine = engine
    }

    /// A page to print: its path on the site (`nl/volledig-rapport/index.html`) and fingerprint.
    public struct Report: Equatable, Sendable {
        public let path: String
        public let fingerprint: String
    }

    /// Every page of the site carrying a print fingerprint: `<language>/<slug>/index.html`.
    public func reports() -> [Report] {
        var found: [Report] = []
        let manager = FileManager.default
        for language in ((try? manager.contentsOfDirectory(atPath: site.path)) ?? []).sorted() {
            let folder = site.appendingPathComponent(language)
            for slug in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let path = language + "/" + slug + "/index.html"
                guard case let .success(bytes) = Files.read(site.appendingPathComponent(path).path, limit: .published, links: .refuse),
                    let fingerprint = Self.printSource(bytes)
                else { continue }
                found.append(Report(path: path, fingerprint: fingerprint))
            }
        }
        return found
    }

    /// The value of `data-print-source="…"` (sixteen hexadecimal digits), if the page has one.
    static func printSource(_ page: [UInt8]) -> String? {
        let marker = Array("data-print-source=\"".utf8)
        guard let found = page.firstRange(of: marker) else { return nil }
        let value = page[found.upperBound...].prefix { $0 != UInt8(ascii: "\"") }
        let hex = String(decoding: value, as: UTF8.self)
        return hex.count == 16 && hex.allSatisfy(\.isHexDigit) ? hex : nil
    }

    /// Prints every report into `folder` (made if missing; refused when it is not a folder),
    /// telling `progress` one line per PDF; then removes the PDFs of earlier texts.
    public func print(into folder: URL, progress: (String) -> Void) -> Result<Int, PrintFailure> {
        let found = reports()
        guard !found.isEmpty else {
            return .failure(
                PrintFailure("no whole report in \(Pipeline.displayPath(site)) to print: build it first (a site whose templates have no report.mustache has none)"))
        }
        var info = stat()
        switch Files.kind(ofPath: folder.path) {
        case .folder: break
        case .other where lstat(folder.path, &info) != 0:
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false) } catch {
                return .failure(PrintFailure("cannot make \(Pipeline.displayPath(folder)): \(error.localizedDescription)"))
            }
        default:
            return .failure(
                PrintFailure(
                    "\(Pipeline.displayPath(folder)) is not a folder: rapport pdf prints into it; move it away and run rapport pdf again"))
        }
        for report in found {
            let pdf = folder.appendingPathComponent(report.fingerprint + ".pdf")
            let partial = folder.appendingPathComponent(report.fingerprint + ".pdf.partial")
            let start = DispatchTime.now()
            if case let .failure(failure) = engine.print(page: site.appendingPathComponent(report.path), to: partial) {
                try? FileManager.default.removeItem(at: partial)
                return .failure(failure)
            }
            guard rename(partial.path, pdf.path) == 0 else {
                return .failure(PrintFailure("cannot write \(Pipeline.displayPath(pdf)): \(String(cString: strerror(errno)))"))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
            progress("printed \(report.path.dropLast("index.html".count)) (\(size / 1024) KB, \(String(format: "%.1f", seconds)) s)")
        }
        let keep = Set(found.map { $0.fingerprint + ".pdf" })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where Self.isPrintedName(name) && !keep.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        return .success(found.count)
    }

    /// `0123456789abcdef.pdf`: a name `rapport pdf` gives.
    static func isPrintedName(_ name: String) -> Bool {
        name.count == 20 && name.hasSuffix(".pdf") && name.dropLast(4).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
