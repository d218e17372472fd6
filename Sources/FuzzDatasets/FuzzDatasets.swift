// libFuzzer target over the dataset parser: any YAML and CSV text must give diagnostics,
// never a crash. `make fuzz` builds it with -sanitize=fuzzer -DFUZZING and runs it for a
// bounded time; without FUZZING it replays the files given as arguments (to check a crash).
import FuzzSupport
import SurveyData

/// Splits one fuzz input into a YAML part and a CSV part at the first NUL byte.
func parseFuzzInput(_ bytes: UnsafeBufferPointer<UInt8>) {
    let split = bytes.firstIndex(of: 0) ?? bytes.count / 2
    let yaml = String(decoding: bytes[..<split], as: UTF8.self)
    let csv = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
    let seeds = [
        (yaml, csv),
        (
            "kind: stacked-bars\ntitle: {nl: a, fr: b}\nfinding: {nl: a, fr: b}\nseries: [{key: a, nl: a, fr: a}, {key: b, nl: b, fr: b}]\n",
            csv
        ),
        (yaml, "key,nl,fr,a,b\nx,a,b,50,50\n"),
    ]
    for (metadata, data) in seeds {
        _ = DatasetParser.parse(id: "fuzz", metadata: metadata, metadataFile: "fuzz.yml", data: data, dataFile: "fuzz.csv")
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    parseFuzzInput(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under the name `<module>_main`: libFuzzer's driver runs there.
@_cdecl("fuzz_datasets_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct ReplayFuzzInputs {
    static func main() { replayFuzzInputs(parseFuzzInput) }
}
#endif
