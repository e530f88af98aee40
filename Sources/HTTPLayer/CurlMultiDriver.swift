internal import CCurl
#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif
import Synchronization
import SystemSupport

/// Runs every transfer of one ``HTTPClient`` on one dedicated I/O thread around a `curl_multi`
/// handle, so no Swift task ever blocks in libcurl.
///
/// Threading and `Sendable`: the multi handle and the set of running transfers are touched only
/// by the I/O thread, except `curl_multi_wakeup`, which libcurl documents as callable from any
/// thread and which we call only under ``state``'s lock while the handle is alive. Tasks talk to the
/// thread through the `Mutex`-guarded ``State`` (a queue of new transfers, a queue of cancellations, the
/// run phase) and wake it with `curl_multi_wakeup`; the thread resumes each transfer's checked
/// continuation when it is done. All mutable state is behind the lock or confined to the thread,
/// hence `@unchecked Sendable`.
///
/// Keep-alive: the multi handle keeps one connection cache for all its transfers, so sequential
/// requests to a host reuse a connection; `CURLMOPT_MAX_HOST_CONNECTIONS` caps parallel ones (extra
/// requests wait in libcurl's queue).
final class CurlMultiDriver: @unchecked Sendable {
    private enum Phase {
        case running
        case stopping
        case stopped
    }

    private struct State {
        var phase = Phase.running
        var queued: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let multi: UnsafeMutableRawPointer

    /// Creates the multi handle and starts the I/O thread.
    /// - Throws: `.transport` when libcurl cannot initialise or create the multi handle.
    init(maxConnectionsPerHost: Int, threadName: String) throws(HTTPClientError) {
        if let failure = CurlGlobal.failure {
            throw .transport("libcurl initialisation failed: \(failure)")
        }
        guard let multi = curl_multi_init() else { throw .transport("curl_multi_init failed") }
        self.multi = multi
        let perHost = max(1, maxConnectionsPerHost)
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        // The idle-connection cache: room for a few hosts (Mirakl, VTEX, a webhook target) at full width.
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, perHost * 4)
        DedicatedThread.start(name: threadName) { [self] in run() }
    }

    // MARK: Called from tasks

    /// Queues `transfer`; `continuation` is resumed with its outcome (or `.cancelled` / `.shutDown`).
    func submit(
        _ transfer: CurlTransfer, continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>
    ) {
        let refusal: HTTPClientError? = state.withLock { state in
            if transfer.phase == .cancelledEarly {
                transfer.phase = .done
                return .cancelled
            }
            guard state.phase == .running else {
                transfer.phase = .done
                return .shutDown
            }
            transfer.phase = .queued
            transfer.continuation = continuation
            state.queued.append(transfer)
            curl_multi_wakeup(multi)
            return nil
        }
        if let refusal { continuation.resume(returning: .failure(refusal)) }
    }

    /// Stops `transfer` because its task was cancelled; safe at any point of its life and from
    /// any thread.
    func cancel(_ transfer: CurlTransfer) {
        let continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>? = state.withLock { state in
            switch transfer.phase {
            case .created:
                transfer.phase = .cancelledEarly
                return nil
            case .queued:
                state.queued.removeAll { $0 === transfer }
                transfer.phase = .done
                defer { transfer.continuation = nil }
                return transfer.continuation
            case .running:
                state.cancelled.append(transfer)
                if state.phase != .stopped { curl_multi_wakeup(multi) }
                return nil
            case .cancelledEarly, .done:
                return nil
            }
        }
        continuation?.resume(returning: .failure(.cancelled))
    }

    /// Asks the I/O thread to stop without waiting: running transfers end with `.shutDown`.
    func stop() {
        state.withLock { state in
            guard state.phase == .running else { return }
            state.phase = .stopping
            curl_multi_wakeup(multi)
        }
    }

    /// Stops the I/O thread and waits until it has closed every connection; idempotent.
    func stopAndWait() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let stopped: Bool = state.withLock { state in
                switch state.phase {
                case .stopped:
                    return true
                case .running:
                    state.phase = .stopping
                    curl_multi_wakeup(multi)
                case .stopping:
                    break
                }
                state.stopWaiters.append(waiter)
                return false
            }
            if stopped { waiter.resume() }
        }
    }

    // MARK: The I/O thread

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (queued, cancelled, stopping) = state.withLock { state in
                defer {
                    state.queued.removeAll()
                    state.cancelled.removeAll()
                }
                // From here a cancellation goes through `state.cancelled`, seen on the next turn.
                for transfer in state.queued { transfer.phase = .running }
                return (state.queued, state.cancelled, state.phase != .running)
            }
            for transfer in queued {
                let added = curl_multi_add_handle(multi, transfer.easy)
                if added == CURLM_OK {
                    active[transfer.easy] = transfer
                } else {
                    let reason = CurlText.string(curl_multi_strerror(added))
                    finish(transfer, .failure(.transport("curl_multi_add_handle: \(reason) (\(transfer.context))")))
                }
            }
            for transfer in cancelled where active.removeValue(forKey: transfer.easy) != nil {
                curl_multi_remove_handle(multi, transfer.easy)
                finish(transfer, .failure(.cancelled))
            }
            if stopping { break }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                guard let transfer = active.removeValue(forKey: easy) else { continue }
                curl_multi_remove_handle(multi, easy)
                finish(transfer, transfer.outcome(of: code))
            }
            // Sleeps until a socket is ready, libcurl's next timer, a wakeup, or 1 s at most.
            _ = curl_multi_poll(multi, nil, 0, 1_000, nil)
        }
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy)
            finish(transfer, .failure(.shutDown))
        }
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.phase = .stopped
            // Under the lock: no wakeup can race with the cleanup.
            curl_multi_cleanup(multi)
            defer { state.stopWaiters.removeAll() }
            return state.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Marks `transfer` done and resumes its task, unless a cancellation already did.
    private func finish(_ transfer: CurlTransfer, _ outcome: Result<HTTPResponse, HTTPClientError>) {
        let continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>? = state.withLock { state in
            guard transfer.phase != .done else { return nil }
            transfer.phase = .done
            defer { transfer.continuation = nil }
            return transfer.continuation
        }
        continuation?.resume(returning: outcome)
    }
}
