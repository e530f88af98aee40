import Foundation
import SandboxSupport
import Synchronization

/// The shared, thread-safe home of `VTEXState`: route handlers on any event loop and the outbox read and
/// change it through `withState`, which holds a `Mutex` for the (short, synchronous, I/O-free) closure.
/// That lock is why the class can be `Sendable`: no state escapes it except as copies.
final class VTEXStore: Sendable {
    private let state: Mutex<VTEXState>
    /// The sandbox's compressed clock: every date the store writes comes from it.
    let clock: SandboxClock

    init(configuration: VTEXSandboxConfiguration, clock: SandboxClock) {
        self.state = Mutex(VTEXState(configuration: configuration))
        self.clock = clock
    }

    /// The current sandbox date.
    var now: Date { clock.now }

    /// Runs `body` with exclusive access to the state.
    func withState<Result: Sendable, Failure: Error>(
        _ body: (inout VTEXState) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try state.withLock { (value: inout VTEXState) throws(Failure) -> Result in try body(&value) }
    }
}
