import Foundation
import SandboxSupport
import Testing

@Suite("FaultInjector")
struct FaultInjectorTests {
    @Test("a 429 burst serves exactly N calls, then calls proceed")
    func burst() {
        let injector = FaultInjector(plan: FaultPlan(tooManyRequestsBurst: 2, retryAfterSeconds: 7))
        #expect(injector.decide(credentials: []).outcome == .tooManyRequests(retryAfterSeconds: 7))
        #expect(injector.decide(credentials: []).outcome == .tooManyRequests(retryAfterSeconds: 7))
        #expect(injector.decide(credentials: []).outcome == .proceed)
        #expect(injector.injectedCounts["tooManyRequests"] == 2)
    }

    @Test("a revoked key is refused, another key is not")
    func revoked() {
        let injector = FaultInjector(plan: FaultPlan(revokedKeys: ["old-key"]))
        #expect(injector.decide(credentials: ["old-key"]).outcome == .unauthorized)
        #expect(injector.decide(credentials: ["new-key"]).outcome == .proceed)
    }

    @Test("the share of 5xx follows the plan and repeats for the same seed")
    func shareIsSeeded() {
        func draws(seed: UInt64) -> [FaultDecision.Outcome] {
            let injector = FaultInjector(plan: FaultPlan(serverErrorRate: 0.3), seed: seed)
            return (0..<1000).map { _ in injector.decide(credentials: []).outcome }
        }
        let first = draws(seed: 42)
        #expect(first == draws(seed: 42))
        let errors = first.filter { $0 == .serverError }.count
        #expect(errors > 240 && errors < 360)
    }

    @Test("429s and lost responses at a share, beside 500s; each counted by kind")
    func sharesOfEachKind() {
        let injector = FaultInjector(
            plan: FaultPlan(serverErrorRate: 0.1, retryAfterSeconds: 2, tooManyRequestsRate: 0.1, lostResponseRate: 0.1),
            seed: 9)
        let outcomes = (0..<3000).map { _ in injector.decide(credentials: []).outcome }
        let limited = outcomes.filter { $0 == .tooManyRequests(retryAfterSeconds: 2) }.count
        let lost = outcomes.filter { $0 == .lostResponse }.count
        let errors = outcomes.filter { $0 == .serverError }.count
        // Drawn in turn: 10 % of all calls, then 10 % of the rest, then 10 % of what remains.
        #expect((240...360).contains(errors))
        #expect((210...330).contains(limited))
        #expect((190...300).contains(lost))
        #expect(injector.injectedCounts["lostResponse"] == lost && injector.injectedCounts["tooManyRequests"] == limited)
    }

    @Test("a partial JSON plan takes defaults and clamps shares")
    func decodesPartialPlan() throws {
        let plan = try JSONDecoder().decode(FaultPlan.self, from: Data(#"{"serverErrorRate": 3, "latencyMilliseconds": 5}"#.utf8))
        #expect(plan.serverErrorRate == 1)
        #expect(plan.latencyMilliseconds == 5)
        #expect(plan.hangMilliseconds == 30_000)
        #expect(plan.revokedKeys.isEmpty)
        #expect(plan.lostResponseRate == 0 && plan.tooManyRequestsRate == 0)
        let lossy = try JSONDecoder().decode(FaultPlan.self, from: Data(#"{"lostResponseRate": 0.25, "tooManyRequestsRate": -1}"#.utf8))
        #expect(lossy.lostResponseRate == 0.25 && lossy.tooManyRequestsRate == 0)
    }

    @Test("CallCounter counts per operation")
    func counts() async {
        let counter = CallCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { counter.record("OR11") } }
        }
        counter.record("P41")
        #expect(counter.count(of: "OR11") == 100)
        #expect(counter.snapshot() == ["OR11": 100, "P41": 1])
    }
}
