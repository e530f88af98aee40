import AMQPLayer
import Foundation
import Logging
import Testing
@testable import WorkerRuntime

@Suite("Window anchor: a window counts from its oldest change's first-seen time")
struct WindowAnchorTests {
    let window = Duration.seconds(60)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("an anchor's age is clamped: one in the future counts as now, one older than a window as one window")
    func clamping() {
        #expect(WindowAnchor.age(of: now.addingTimeInterval(-12.5), now: now, window: window) == .milliseconds(12_500))
        #expect(WindowAnchor.age(of: now.addingTimeInterval(86_400), now: now, window: window) == .zero)
        #expect(WindowAnchor.age(of: now.addingTimeInterval(-86_400 * 365), now: now, window: window) == window)
        let ancient = Date(timeIntervalSince1970: Double(Int64.min) / 1000), far = Date(timeIntervalSince1970: Double(Int64.max) / 1000)
        #expect(WindowAnchor.age(of: ancient, now: now, window: window) == window)
        #expect(WindowAnchor.age(of: far, now: now, window: window) == .zero)
        #expect(WindowAnchor.age(of: .distantPast, now: now, window: window) == window)
        // a copy of such a message (a retry, a parked copy) writes the header back without trapping
        let absurd = MessageHistory(headers: [MessageHistory.firstSeenHeader: .int64(.max)], now: now)
        #expect(absurd.headers(basedOn: [:])[MessageHistory.firstSeenHeader] == .int64(.max))
        #expect(MessageHistory.milliseconds(ancient) == .min)
    }

    @Test("a change is anchored at its first-seen time, a copy back from the delay tiers at its due time")
    func anchorOfAHistory() {
        let seen = now.addingTimeInterval(-300), due = now.addingTimeInterval(-2)
        let fresh = MessageHistory(headers: [MessageHistory.firstSeenHeader: .int64(Int64(seen.timeIntervalSince1970 * 1000))], now: now)
        #expect(WindowAnchor.date(of: fresh) == seen)
        let retried = MessageHistory(headers: [
            MessageHistory.firstSeenHeader: .int64(Int64(seen.timeIntervalSince1970 * 1000)), MessageHistory.attemptHeader: 1,
            MessageHistory.dueHeader: .int64(Int64(due.timeIntervalSince1970 * 1000)),
        ], now: now)
        #expect(WindowAnchor.date(of: retried) == due)
        #expect(retried.firstSeen == seen, "the copy keeps its first-seen time")
        #expect(WindowAnchor.date(of: MessageHistory(headers: [:], now: now)) == now, "no header: anchored when read")
    }

    @Test("wall clock to monotonic and back")
    func clocks() {
        let instant = ContinuousClock.now
        let opened = WindowAnchor.instant(of: now.addingTimeInterval(-20), now: now, at: instant, window: window)
        #expect(opened.duration(to: instant) == .seconds(20))
        let date = WindowAnchor.date(of: opened, now: now, at: instant)
        #expect(abs(date.timeIntervalSince(now.addingTimeInterval(-20))) < 0.001)
    }

    @Test("the fleet's publisher stamps a first-seen time on a new message and keeps a copy's")
    func publisherStamps() {
        let old = AMQPFieldValue.int64(1_700_000_000_000)
        var copy = AMQPOutgoingMessage(routingKey: "q", body: [])
        copy.properties.headers[MessageHistory.firstSeenHeader] = old
        let stamped = ReliablePublisher.stamped([AMQPOutgoingMessage(routingKey: "q", body: []), copy], at: now)
        #expect(stamped[0].properties.headers[MessageHistory.firstSeenHeader] == .int64(1_800_000_000_000))
        #expect(stamped[1].properties.headers[MessageHistory.firstSeenHeader] == old)
    }
}
