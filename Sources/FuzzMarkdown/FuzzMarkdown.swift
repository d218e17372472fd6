import Foundation
// libFuzzer target over the Markdown stage and the template loader: any page text, with
// placeholders, goes through the real build (cmark-gfm, placeholders, links, charts, templates)
// and must give a site or diagnostics, never a crash, and never a placeholder marker (U+FDD0) in
// the output. What follows a NUL byte in the input is a template, `partials/fuzz`, included by
// the page layout and free to include itself or any other template (cycles, bad syntax).
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING and runs it from the repository root
// (it uses Templates/ and Content/i18n/); without FUZZING it replays the files given as arguments.
import FuzzSupport
import RapportCore

/// A small site in a temporary folder, made once: one dataset `d` (rows a, b; series s, t),
/// charted on both home pages, so the fuzzed page can quote it.
let site: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-fuzz-markdown-\(getpid())")
    let files = [
        "site.yml":
            "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: [nl, fr]\ndefaultLanguage: nl\n",
        "data/x/d.yml":
            "kind: bars\ntitle: {nl: T, fr: T}\nfinding: {nl: \"F {{d:a}}\", fr: \"F {{d:b:t}}\"}\nbase: 40\nunit: count\nseries:\n  - {key: s, nl: S, fr: S}\n  - {key: t, nl: T, fr: T}\nnotes:\n  - {nl: \"n {{lang fr: x}}\", fr: n}\n",
        "data/x/d.csv": "key,nl,fr,s,t\na,A <b>,A & \"c\",12,1.5\nb,B,B,,7\n",
        "nl/index.md": "---\ntitle: Home\norder: 0\n---\n```chart d\n```\n",
        "fr/index.md": "---\ntitle: Accueil\norder: 0\n---\n```chart d\n```\n",
    ]
    for (path, text) in files {
        let url = root.appendingPathComponent("Content/" + path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }
    for language in ["nl", "fr"] {
        try? FileManager.default.copyItem(
            atPath: "Content/i18n/\(language).yml",
            toPath: root.appendingPathComponent("Content/i18n/\(language).yml").path)
    }
    // libFuzzer ends with exit(): the folder goes with the process.
    atexit {
        try? FileManager.default.removeItem(
            at: FileManager.default.temporaryDirectory.appendingPathComponent("rapport-fuzz-markdown-\(getpid())"))
    }
    return root
}()

/// The repository's templates, copied once into the fuzz site, with `page` including `partials/fuzz`.
let templates: URL = {
    let folder = site.appendingPathComponent("Templates")
    try? FileManager.default.copyItem(atPath: "Templates", toPath: folder.path)
    let page = folder.appendingPathComponent("page.mustache")
    let text = (try? String(contentsOf: page, encoding: .utf8)) ?? ""
    try? Data((text + "{{> partials/fuzz}}\n").utf8).write(to: page)
    return folder
}()

/// Builds the site with `bytes` as the body of one chapter in both languages (and what follows
/// a NUL byte as the template `partials/fuzz`).
func buildFuzzInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<split]), as: UTF8.self)
    let template = split < bytes.count ? String(decoding: UnsafeBufferPointer(rebasing: bytes[(split + 1)...]), as: UTF8.self) : ""
    try? Data(template.utf8).write(to: templates.appendingPathComponent("partials/fuzz.mustache"))
    for (language, slug) in [("nl", "hoofdstuk"), ("fr", "chapitre")] {
        let page = "---\ntitle: Fuzz\norder: 1\nslug: \(slug)\n---\n" + body + "\n"
        try? Data(page.utf8).write(to: site.appendingPathComponent("Content/\(language)/fuzz.md"))
    }
    let options = Pipeline.Options(
        content: site.appendingPathComponent("Content"),
        templates: templates,
        destination: .memory)
    let result = Pipeline(options).run()
    let marker: [UInt8] = [0xEF, 0xB7, 0x90]
    for file in result.files where file.bytes.count >= 3 {
        for index in 0...(file.bytes.count - 3) where file.bytes[index] == 0xEF && Array(file.bytes[index..<index + 3]) == marker {
            fatalError("placeholder marker left in \(file.path)")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    buildFuzzInput(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under the name `<module>_main`: libFuzzer's driver runs there.
@_cdecl("fuzz_markdown_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct ReplayFuzzInputs {
    static func main() { replayFuzzInputs(buildFuzzInput) }
}
#endif
