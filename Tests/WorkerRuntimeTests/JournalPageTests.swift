import AMQPLayer
import Foundation
import Testing
import WorkerRuntime

@Suite("Journal pages")
struct JournalPageTests {
    @Test("every property and header type comes back as written")
    func roundTrip() throws {
        let headers: AMQPTable = [
            "bool": .bool(true), "i8": .int8(-8), "u8": .uint8(8), "i16": .int16(-16), "u16": .uint16(16),
            "i32": .int32(-32), "u32": .uint32(32), "i64": .int64(-64), "float": .float(1.5), "double": .double(-2.25),
            "decimal": .decimal(scale: 2, value: 1999), "string": .string("préço"), "bytes": .bytes([0, 255, 7]),
            "time": .timestamp(Date(timeIntervalSince1970: 1_790_000_000)), "void": .void,
            "x-death": .array([.table(["count": .int64(2), "queue": .string("offers.work")])]),
        ]
        let full = AMQPProperties(
            contentType: "application/json", contentEncoding: "utf-8", headers: headers, persistent: true, priority: 3,
            correlationID: "c", replyTo: "r", expiration: "60000", messageID: "m-1",
            timestamp: Date(timeIntervalSince1970: 1_790_000_001), type: "sku.stock", userID: "u", appID: "ingress")
        let entries = [
            JournalPage.Entry(exchange: "carrefour.events", routingKey: "sku.stock", properties: full, body: Array(#"{"skuId":"1"}"#.utf8)),
            JournalPage.Entry(exchange: "", routingKey: "offers.work", properties: AMQPProperties(persistent: false), body: []),
        ]
        #expect(try JournalPage.decode(JournalPage.encode(entries)) == entries)
        #expect(try JournalPage.decode(JournalPage.encode([])) == [])
    }

    @Test("a page of version 1, written before the compact format, is read back as it was written")
    func versionOnePage() throws {
        let page = JournalPageV1Fixtures.everyField
        #expect(page.first == 1)
        #expect(try JournalPage.decode(page) == JournalPageV1Fixtures.everyFieldEntries)
        #expect(try JournalPageV1Fixtures.windowPages.flatMap { try JournalPage.decode($0) }.map { String(decoding: $0.body, as: UTF8.self) } == ["a:1", "b:1", "a:2"])
        #expect(throws: JournalPage.Unreadable.self) { try JournalPage.decode(Array(page.dropLast())) }
    }

    @Test("version 2 is written, and is smaller than version 1 for the same messages")
    func versionTwoIsSmaller() throws {
        let entries = JournalPageV1Fixtures.everyFieldEntries
        let page = JournalPage.encode(entries)
        #expect(page.first == 2)
        #expect(try JournalPage.decode(page) == entries)
        #expect(page.count < JournalPageV1Fixtures.everyField.count)
        let change = [entries[2]]
        let one = JournalPage.entry(exchange: change[0].exchange, routingKey: change[0].routingKey, properties: change[0].properties, body: change[0].body)
        #expect(try JournalPage.decodeEntry(one) == change[0])
        let window = try JournalPage.decode(JournalPageV1Fixtures.windowPages[1])
        let (old, new) = (JournalPageV1Fixtures.windowPages[1].count, JournalPage.encode(window).count)
        #expect(Double(new) < 0.6 * Double(old), "a fleet message in \(new) bytes against \(old)")
    }

    @Test("a truncated or foreign page is refused with the reason")
    func unreadable() {
        let page = JournalPage.encode([JournalPage.Entry(exchange: "", routingKey: "q", properties: AMQPProperties(type: "t"), body: [1, 2])])
        #expect(throws: JournalPage.Unreadable.self) { try JournalPage.decode(Array(page.dropLast())) }
        #expect(throws: JournalPage.Unreadable.self) { try JournalPage.decode(page + [0]) }
        #expect(throws: JournalPage.Unreadable.self) { try JournalPage.decode(Array("not a page".utf8)) }
        #expect(throws: JournalPage.Unreadable.self) { try JournalPage.decode([]) }
    }
}
