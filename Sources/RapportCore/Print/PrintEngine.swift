import Foundation

/// The program that prints the whole report to PDF: WeasyPrint (chosen by measurement, see
/// docs/pdf.md: it numbers the contents' pages, runs the chapter titles in the page heads, puts
/// footnotes at the page foot and writes a tagged PDF/UA-1 with bookmarks and the language).
/// Run as a subprocess with arguments, never through a shell.
public struct PrintEngine: Sendable {
    /// The executable found on `PATH`.
    public let executable: URL

    /// What to install when it is missing.
    public static let installLine = "python3 -m pip install 'weasyprint>=67'"

    /// The oldest version that reads only local files when told (`--allowed-protocols`, 67.0).
    static let oldestVersion = 67

    /// The engine on `PATH` (`WEASYPRINT` names another executable), or why there is none.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<PrintEngine, PrintFailure> {
        if let named = environment["WEASYPRINT"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named)
                ? PrintEngine(executable: URL(fileURLWithPath: named)).checked()
                : .failure(PrintFailure("WEASYPRINT=\(named) is not an executable file; unset it, or name the weasyprint program"))
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("weasyprint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return PrintEngine(executable: candidate).checked() }
        }
        return .failure(
            PrintFailure("no print engine: rapport pdf prints with WeasyPrint, which is not installed; install it: \(installLine)"))
    }

    /// The engine itself when its version (`weasyprint --version`: "WeasyPrint version 70.0")
    /// is recent enough.
    func checked() -> Result<PrintEngine, PrintFailure> {
        let said: String
        switch run(["--version"]) {
        case let .success(output): said = output
        case let .failure(failure): return .failure(failure)
        }
        guard let version = Self.majorVersion(said) else {
            return .failure(
                PrintFailure("\(executable.path) --version did not say a WeasyPrint version; install WeasyPrint: \(Self.installLine)"))
        }
        guard version >= Self.oldestVersion else {
            return .failure(
                PrintFailure(
                    "\(executable.path) is WeasyPrint \(version), too old: rapport pdf needs \(Self.oldestVersion) or later: \(Self.installLine)"
                ))
        }
        return .success(self)
    }

    /// 70 of "WeasyPrint version 70.0".
    static func majorVersion(_ said: String) -> Int? {
        guard let range = said.range(of: "WeasyPrint version ") else { return nil }
        return Int(said[range.upperBound...].prefix { $0.isNumber })
    }

    /// The arguments that print `page` (the whole report, an HTML file of the built site) to
    /// `pdf`: a PDF/UA-1 (tagged, with its language, title and bookmarks), reading only local
    /// files (the page's stylesheets and images), never the network.
    public static func arguments(page: URL, pdf: URL) -> [String] {
        ["--pdf-variant", "pdf/ua-1", "--quiet", "--allowed-protocols", "file", page.path, pdf.path]
    }

    /// Prints `page` to `pdf`; on failure, what the engine said (its last lines).
    public func print(page: URL, to pdf: URL) -> Result<Void, PrintFailure> {
        run(Self.arguments(page: page, pdf: pdf)).map { _ in () }
    }

    /// Runs the engine with `arguments`; what it wrote (standard output and error together), or
    /// a failure with its last lines.
    private func run(_ arguments: [String]) -> Result<String, PrintFailure> {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(PrintFailure("could not start \(executable.path): \(error.localizedDescription)"))
        }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lines = said.split(separator: "\n").suffix(3).joined(separator: " / ")
            return .failure(
                PrintFailure(
                    "\(executable.lastPathComponent) \(arguments.suffix(2).joined(separator: " ")) failed (exit \(process.terminationStatus)): \(lines)"
                ))
        }
        return .success(said)
    }
}

/// Why the report could not be printed: one line for the terminal.
public struct PrintFailure: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
