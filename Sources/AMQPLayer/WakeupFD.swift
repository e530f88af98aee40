import Glibc

/// A pipe that lets another thread interrupt a connection's wait for the socket.
///
/// `@unchecked Sendable`: the write end is written from any thread (small pipe writes are
/// atomic) and the read end is read only by the connection's thread.
final class WakeupFD: @unchecked Sendable {
    enum Outcome { case readable, woken, timedOut }

    private let readEnd: Int32
    private let writeEnd: Int32

    init?() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        readEnd = fds[0]
        writeEnd = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func signal() {
        var one: UInt8 = 1
        _ = write(writeEnd, &one, 1)
    }

    /// Waits until the socket is readable, the pipe is signalled, or the timeout passes.
    func wait(socket: Int32, timeout: Duration) -> Outcome {
        var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0), pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        let (seconds, attoseconds) = timeout.components
        let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        let ready = poll(&fds, 2, max(ms, 0))
        guard ready > 0 else { return ready == 0 ? .timedOut : .readable }
        if fds[1].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &drain, drain.count) > 0 {}
            if fds[0].revents == 0 { return .woken }
        }
        return .readable
    }
}
