public import ConnectorTestSupport
import Glibc

extension RunningProcess {
    /// Waits until standard error (or, with `inOutput`, standard output) holds a line containing
    /// `text` and returns it; nil when the process ends or `timeout` passes first. Workers log
    /// JSON lines on standard error ("consuming", "ingress listening").
    public func waitForLine(containing text: String, inOutput: Bool = false, timeout: Duration) async -> String? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            let content = inOutput ? standardOutput : standardError
            if let line = content.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            if !isRunning { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// SIGKILLs it and waits until it is gone: a crash.
    public func crash() async {
        signal(SIGKILL)
        await wait()
    }
}
