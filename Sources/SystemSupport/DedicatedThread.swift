#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a dedicated, detached OS thread (a pthread), for code that must block outside Swift's
/// cooperative pool: librabbitmq's synchronous calls, libcurl's multi loop, an SMTP transfer.
///
/// What Foundation's `Thread { }.start()` did, without Foundation: one new detached thread per
/// call, with the default attributes (stack size from `ulimit -s`), running `body` once.
public enum DedicatedThread {
    /// Starts a thread named `name` (cut to the 15 bytes Linux keeps) that runs `body` and ends.
    /// Failing to create a thread (the process is out of threads or memory) is not recoverable.
    public static func start(name: String? = nil, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            start.run()
            return nil
        }, box)
        guard created == 0 else { preconditionFailure("pthread_create failed (\(created))") }
    }

    private final class Start {
        let name: String?
        let body: @Sendable () -> Void

        init(name: String?, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }

        func run() {
            if let name { Self.setName(name) }
            body()
        }

        /// Linux: writes the name to `/proc/thread-self/comm` (what `pthread_setname_np` does for
        /// the calling thread; Glibc's module does not export it). Best effort, as Foundation's was.
        private static func setName(_ name: String) {
            #if os(Linux)
            var bytes = Array(name.utf8.prefix(15))
            // Do not cut a multi-byte character: drop a partial one left at the end.
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
            let file = open("/proc/thread-self/comm", O_WRONLY)
            guard file >= 0 else { return }
            _ = bytes.withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
            close(file)
            #endif
        }
    }
}
