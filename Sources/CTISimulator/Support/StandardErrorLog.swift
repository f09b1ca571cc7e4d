#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The default log sink: one line per write(2) on standard error, so lines from several
/// threads never interleave and nothing waits in a buffer.
public enum StandardErrorLog {
    @Sendable public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(2, raw.baseAddress! + written, raw.count - written)
                #else
                Darwin.write(2, raw.baseAddress! + written, raw.count - written)
                #endif
            }
            if result < 0 {
                if errno == EINTR { continue }
                return
            }
            written += result
        }
    }
}
