#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the process's standard error (what `FileHandle.standardError` did, without Foundation);
/// `package`, so that the modules above `WorkerRuntime` (a connector's stop at start) use it too.
package enum StandardError {
    /// Writes all of `bytes` to file descriptor 2, retrying short writes and `EINTR`; gives up
    /// silently on another error, as a log line has nowhere else to go.
    package static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// Writes `line` and ends the process with `status` (a setting that stops a worker at start).
    package static func fail(_ line: String, status: Int32) -> Never {
        write(Array(line.utf8))
        exit(status)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
