import Foundation
// libFuzzer target over what fuzz-datasets and fuzz-markdown never reach (issue 24, "What must
// exist", item 3): the image sizes (ImageSize's PNG, JPEG, WebP and SVG readers, and the SVG
// script check) and references between datasets (ReferenceResolver, through DatasetLoader as a
// build runs it: files on disk, two datasets and the study's facts). Any input must give a
// size, none, or a diagnostic, never a crash nor a runaway (`-timeout`).
//
// One input is an image (any bytes, NULs included), then `%%DATA` and up to four texts split at
// NUL bytes: `a.csv`, `b.csv`, `study.yml` and `b.yml` of a small data folder (a missing part
// keeps its seed text), where `b` takes its base and a series from `a`, and cells may name
// `a:…`, `b:…` or `study:…`.
// `make fuzz` builds it with -sanitize=fuzzer -DFUZZING; without FUZZING it replays the files
// given as arguments (to check a crash file).
import FuzzSupport
import RapportCore
import SurveyData

/// The data folder, made once; each input rewrites its four files.
let data: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-fuzz-references-\(getpid())")
    try? FileManager.default.createDirectory(at: root.appendingPathComponent("x"), withIntermediateDirectories: true)
    let metadata = "kind: bars\ntitle: {nl: A, fr: A}\nfinding: {nl: F, fr: F}\nbase: study:answered\nseries:\n  - {key: s, nl: S, fr: S}\n"
    try? Data(metadata.utf8).write(to: root.appendingPathComponent("x/a.yml"))
    // libFuzzer ends with exit(): the folder goes with the process.
    atexit {
        try? FileManager.default.removeItem(
            at: FileManager.default.temporaryDirectory.appendingPathComponent("rapport-fuzz-references-\(getpid())"))
    }
    return root
}()

let seeds = [
    "key,nl,fr,s\nr1,R1,R1,a:r2\nr2,R2,R2,b:r1:t\nr3,R3,R3,40\n",
    "key,nl,fr,n,t\nr1,R1,R1,a:base,a:r3\nr2,R2,R2,study:answered,12.5\n",
    "answered: 162\ncontacted: 379\n",
    "kind: bars\ntitle: {nl: B, fr: B}\nfinding: {nl: F, fr: F}\nbase: a:base\nseries:\n  - {key: from-a, nl: A, fr: A, from: \"a:s\"}\n  - {key: t, nl: T, fr: T, n: a:r1}\n",
]

let marker = Array("%%DATA".utf8)

func runFuzzInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let all = Array(bytes)
    let cut = all.indices.first { all[$0...].starts(with: marker) } ?? all.count
    let image = Array(all[..<cut])
    let texts = Array(all[min(all.count, cut + marker.count)...]).split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false)
    // Image sizes: the bytes as they are, and as the root element of an SVG (its attributes).
    _ = try? ImageSize.read(image)
    _ = try? ImageSize.read(Array("<svg ".utf8) + image + Array(">".utf8))
    _ = SVGScripts.find(in: String(decoding: image, as: UTF8.self))
    // References: the data folder as a build reads it.
    for (index, name) in ["x/a.csv", "x/b.csv", "study.yml", "x/b.yml"].enumerated() {
        let text = cut < all.count && index < texts.count ? Array(texts[index]) : Array(seeds[index].utf8)
        try? Data(text).write(to: data.appendingPathComponent(name))
    }
    _ = DatasetLoader(directory: data).loadWithFacts()
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    runFuzzInput(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under the name `<module>_main`: libFuzzer's driver runs there.
@_cdecl("fuzz_images_references_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct ReplayFuzzInputs {
    static func main() { replayFuzzInputs(runFuzzInput) }
}
#endif
