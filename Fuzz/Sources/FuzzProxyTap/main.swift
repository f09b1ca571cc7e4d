import CLibFuzzerDriver

/// libFuzzer's per-input entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    ProxyTapCheck.run(UnsafeRawBufferPointer(start: start, count: count))
    return 0
}

// SwiftPM links every executable with `main` bound to this module's entry point, which
// replaces libFuzzer's own `main`; so start libFuzzer's driver from here.
cti_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
    data.map { fuzz(UnsafeRawPointer($0), size) } ?? 0
}
