/// Spaces the calls of each Mirakl operation by at least its maximum frequency, within the process
/// (mirakl-api.md §1 "Call Frequency"): a call waits until `interval` has passed since the previous
/// call of the same operation ended, so their arrivals at Mirakl are at least that far apart.
/// One caller at a time per operation. Across replicas or restarts the windows and delays keep the
/// spacing, and a 429 is honoured through its `Retry-After`.
actor CallPacer {
    private struct Lane {
        var lastEnd: ContinuousClock.Instant?
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var lanes: [String: Lane] = [:]

    /// Waits for `operation`'s turn: the lane free, and `interval` past its last call.
    func acquire(_ operation: String, interval: Duration) async {
        if lanes[operation, default: Lane()].busy {
            await withCheckedContinuation { lanes[operation, default: Lane()].waiters.append($0) }
        }
        lanes[operation, default: Lane()].busy = true
        if let last = lanes[operation]?.lastEnd {
            try? await Task.sleep(until: last + interval)
        }
    }

    /// Ends `operation`'s call now and hands the lane to the next caller.
    func release(_ operation: String) {
        lanes[operation, default: Lane()].lastEnd = .now
        if lanes[operation]?.waiters.isEmpty == false, let next = lanes[operation]?.waiters.removeFirst() {
            next.resume()  // the lane stays busy: it passes straight to the next caller
        } else {
            lanes[operation]?.busy = false
        }
    }
}
