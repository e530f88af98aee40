import Synchronization

/// Holds one side's `FaultPlan` and draws, call by call, which fault (if any) applies.
///
/// One injector per fake service (Mirakl, VTEX): the admin API replaces its plan at run time and
/// `FaultMiddleware` asks it for a decision on every API call. The draws come from a seeded
/// generator, so the same seed and call sequence give the same faults. Thread-safe: plan,
/// remaining 429 burst and generator sit behind one `Mutex`.
public final class FaultInjector: Sendable {
    private let state: Mutex<State>

    private struct State {
        var plan: FaultPlan
        var burstRemaining: Int
        var generator: SeededGenerator
        var injected: [String: Int] = [:]
    }

    /// Creates an injector with a starting plan and the seed of its draws.
    public init(plan: FaultPlan = .none, seed: UInt64 = 0) {
        state = Mutex(State(plan: plan, burstRemaining: plan.tooManyRequestsBurst,
                            generator: SeededGenerator(seed: seed)))
    }

    /// The plan in force.
    public var plan: FaultPlan {
        state.withLock { $0.plan }
    }

    /// How many burst 429s are still to be served.
    public var burstRemaining: Int {
        state.withLock { $0.burstRemaining }
    }

    /// How many faults of each kind were injected so far (`serverError`, `hang`,
    /// `tooManyRequests`, `lostResponse`, `revoked`).
    public var injectedCounts: [String: Int] {
        state.withLock { $0.injected }
    }

    /// Replaces the plan; the 429 burst restarts from the new plan's count.
    public func setPlan(_ plan: FaultPlan) {
        state.withLock {
            $0.plan = plan
            $0.burstRemaining = plan.tooManyRequestsBurst
        }
    }

    /// Decides the fault for one API call that presented `credentials` (the values of the
    /// side's credential headers). Revoked keys win over a burst, a burst over random draws.
    public func decide(credentials: [String]) -> FaultDecision {
        state.withLock { state in
            let plan = state.plan
            let latency = Duration.milliseconds(plan.latencyMilliseconds)
            let outcome: FaultDecision.Outcome
            if !plan.revokedKeys.isEmpty, credentials.contains(where: plan.revokedKeys.contains) {
                outcome = .unauthorized
            } else if state.burstRemaining > 0 {
                state.burstRemaining -= 1
                outcome = .tooManyRequests(retryAfterSeconds: plan.retryAfterSeconds)
            } else if plan.serverErrorRate > 0,
                      Double.random(in: 0..<1, using: &state.generator) < plan.serverErrorRate {
                outcome = .serverError
            } else if plan.tooManyRequestsRate > 0,
                      Double.random(in: 0..<1, using: &state.generator) < plan.tooManyRequestsRate {
                outcome = .tooManyRequests(retryAfterSeconds: plan.retryAfterSeconds)
            } else if plan.lostResponseRate > 0,
                      Double.random(in: 0..<1, using: &state.generator) < plan.lostResponseRate {
                outcome = .lostResponse
            } else if plan.hangRate > 0, Double.random(in: 0..<1, using: &state.generator) < plan.hangRate {
                outcome = .hang(.milliseconds(plan.hangMilliseconds))
            } else {
                outcome = .proceed
            }
            if let name = outcome.counterName {
                state.injected[name, default: 0] += 1
            }
            return FaultDecision(latency: latency, outcome: outcome)
        }
    }
}
