public import Foundation

/// One value read from a sandbox and the sandbox date read just after the read returned: the value
/// shows the sandbox's state at some moment no later than `at`.
public struct Reading<Value> {
    /// The sandbox date just after the read returned.
    public let at: Date
    /// What the read returned.
    public let value: Value
}

extension Reading: Sendable where Value: Sendable {}

/// Reads `read` until `done` holds for a value or `timeout` passes and returns every reading, in
/// order, each with the sandbox date (`now`) taken just after it returned. A test that waits for
/// a delayed transition this way waits on the event itself, and can still check the transition was
/// not early: a reading whose `at` lies before the due date shows the state before the due date.
public func readings<Value>(
    timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(15),
    now: () -> Date, until done: (Value) -> Bool, _ read: () async throws -> Value
) async throws -> [Reading<Value>] {
    var seen: [Reading<Value>] = []
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        let value = try await read()
        seen.append(Reading(at: now(), value: value))
        if done(value) { return seen }
        try await Task.sleep(for: interval)
    }
    return seen
}

/// Waits until the sandbox date (`now`) reaches `date`, reading it every `interval`; false when
/// `timeout` (real time) passes first. For "nothing happened" checks: the moment a check is about
/// is read on the sandbox's own clock, not guessed as a real-time sleep.
public func waitForSandboxDate(
    _ date: Date, timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(10), now: () -> Date
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while now() < date {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: interval)
    }
    return true
}
