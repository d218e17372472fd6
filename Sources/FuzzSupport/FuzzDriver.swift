// What the libFuzzer targets (fuzz-datasets, fuzz-markdown) share: handing over to libFuzzer's
// driver when built with -sanitize=fuzzer -DFUZZING, and otherwise replaying the inputs named on
// the command line (to check a crash file).
import Foundation

/// One fuzz input's bytes, as libFuzzer calls back.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback
) -> CInt

/// Runs libFuzzer's driver over `callback` (from the target's `<module>_main`).
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: FuzzCallback) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, callback)
}
#endif

/// Runs `body` over each file named on the command line, saying `ok:` for each.
public func replayFuzzInputs(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        [UInt8](data).withUnsafeBufferPointer { body($0) }
        print("ok: \(path)")
    }
}
