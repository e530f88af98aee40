import AMQPLayer
import Testing
@testable import WorkerRuntime

@Suite("Delivery ledger")
struct DeliveryLedgerTests {
    func tag(_ value: UInt64) -> AMQPDeliveryTag { AMQPDeliveryTag(session: 7, value: value) }

    @Test("only the oldest run of released deliveries is handed out, ending at its last tag")
    func oldestRun() {
        var ledger = DeliveryLedger(session: 7)
        for value: UInt64 in 1...6 { ledger.append(tag(value)) }
        ledger.release(tag(2))
        #expect(ledger.takeReleasedRun() == nil, "1 is held")
        ledger.release(tag(1))
        ledger.release(tag(4))
        #expect(ledger.takeReleasedRun() == tag(2))
        #expect(ledger.outstanding == 4)
        ledger.release(tag(3))
        #expect(ledger.takeReleasedRun() == tag(4))
        #expect(ledger.takeReleasedRun() == nil)
        #expect(ledger.last == tag(6))
    }

    @Test("a flush's acknowledgement drops everything up to its tag; a gap counts as released; other sessions are ignored")
    func dropAndGaps() {
        var ledger = DeliveryLedger(session: 7)
        ledger.append(tag(10))
        ledger.append(tag(13))  // 11 and 12 never seen
        ledger.release(AMQPDeliveryTag(session: 8, value: 10))
        ledger.release(tag(10))
        #expect(ledger.takeReleasedRun() == tag(12))
        ledger.append(tag(14))
        ledger.drop(through: tag(13))
        #expect(ledger.outstanding == 1)
        ledger.drop(through: tag(5))
        #expect(ledger.last == tag(14))
    }

    @Test("a long run compacts its storage and keeps counting")
    func longRun() {
        var ledger = DeliveryLedger(session: 7)
        for value: UInt64 in 1...20_000 {
            ledger.append(tag(value))
            ledger.release(tag(value))
            if value % 1000 == 0 { #expect(ledger.takeReleasedRun() == tag(value)) }
        }
        #expect(ledger.outstanding == 0)
        ledger.append(tag(20_001))
        #expect(ledger.last == tag(20_001))
    }
}
