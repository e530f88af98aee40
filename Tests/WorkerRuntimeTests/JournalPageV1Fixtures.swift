import AMQPLayer
import Foundation
import WorkerRuntime

/// Journal pages of version 1, the format written before the compact one, as the code of that
/// time wrote them: produced by `JournalPage.encode` at git a940f72
/// (Sources/WorkerRuntime/Consuming/JournalPage.swift), compiled on its own with a generator
/// that encoded the entries below and printed the bytes in hex. They stay as they are: a
/// window journaled before an upgrade must still be read back.
enum JournalPageV1Fixtures {
    /// Three entries: every property and header type, an empty one, a fleet change message
    /// (``everyFieldEntries``).
    static let everyField = bytes([
        "0103000000100000006361727265666f75722e6576656e747309000000736b752e73746f636bff1f100000006170706c",
        "69636174696f6e2f6a736f6e050000007574662d380301000000630100000072050000003630303030030000006d2d31",
        "813bb16a0000000009000000736b752e73746f636b010000007507000000696e67726573731100000004000000626f6f",
        "6c7401050000006279746573780300000000ff07170000006361727265666f75722d66697273742d7365656e2d6d736c",
        "7b6c50c4a001000007000000646563696d616c4402cf07000006000000646f75626c656400000000000002c005000000",
        "666c6f6174660000c03f0300000069313673f0ff0300000069333249e0ffffff030000006936346cc0ffffffffffffff",
        "02000000693862f806000000737472696e6753070000007072c3a9c3a76f0400000074696d6554803bb16a0000000003",
        "000000753136751000030000007533326920000000020000007538420804000000766f69645607000000782d64656174",
        "684101000000460200000005000000636f756e746c0200000000000000050000007175657565530b0000006f66666572",
        "732e776f726b0d0000007b22736b754964223a2231227d000000000b0000006f66666572732e776f726b000000000000",
        "100000006361727265666f75722e6576656e747309000000736b752e70726963654109100000006170706c6963617469",
        "6f6e2f6a736f6e02000000653709000000736b752e70726963650d0000007b22736b754964223a2232227d",
    ])

    /// What ``everyField`` holds.
    static var everyFieldEntries: [JournalPage.Entry] {
        let headers: AMQPTable = [
            "bool": .bool(true), "i8": .int8(-8), "u8": .uint8(8), "i16": .int16(-16), "u16": .uint16(16),
            "i32": .int32(-32), "u32": .uint32(32), "i64": .int64(-64), "float": .float(1.5), "double": .double(-2.25),
            "decimal": .decimal(scale: 2, value: 1999), "string": .string("préço"), "bytes": .bytes([0, 255, 7]),
            "time": .timestamp(Date(timeIntervalSince1970: 1_790_000_000)), "void": .void,
            "x-death": .array([.table(["count": .int64(2), "queue": .string("offers.work")])]),
            "carrefour-first-seen-ms": .int64(1_790_000_000_123),
        ]
        let full = AMQPProperties(
            contentType: "application/json", contentEncoding: "utf-8", headers: headers, persistent: true, priority: 3,
            correlationID: "c", replyTo: "r", expiration: "60000", messageID: "m-1",
            timestamp: Date(timeIntervalSince1970: 1_790_000_001), type: "sku.stock", userID: "u", appID: "ingress")
        return [
            JournalPage.Entry(exchange: "carrefour.events", routingKey: "sku.stock", properties: full, body: Array(#"{"skuId":"1"}"#.utf8)),
            JournalPage.Entry(exchange: "", routingKey: "offers.work", properties: AMQPProperties(persistent: false), body: []),
            JournalPage.Entry(
                exchange: "carrefour.events", routingKey: "sku.price",
                properties: AMQPProperties(contentType: "application/json", messageID: "e7", type: "sku.price"), body: Array(#"{"skuId":"2"}"#.utf8)),
        ]
    }

    /// Two pages of one window of the test handler's messages (`key:value`, type `test.message`,
    /// routing key `test.work`, first seen 2026-12-04 08:00 UTC, message id the body): `a:1` and
    /// `b:1`, then `a:2`.
    static let windowPages = [
        bytes([
            "01020000000000000009000000746573742e776f726b401903000000613a310c000000746573742e6d65737361676501",
            "000000170000006361727265666f75722d66697273742d7365656e2d6d736c00381140a201000003000000613a310000",
            "000009000000746573742e776f726b401903000000623a310c000000746573742e6d6573736167650100000017000000",
            "6361727265666f75722d66697273742d7365656e2d6d736c00381140a201000003000000623a31",
        ]),
        bytes([
            "01010000000000000009000000746573742e776f726b401903000000613a320c000000746573742e6d65737361676501",
            "000000170000006361727265666f75722d66697273742d7365656e2d6d736c00381140a201000003000000613a32",
        ]),
    ]

    private static func bytes(_ hex: [String]) -> [UInt8] {
        let digits = Array(hex.joined().utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }
}
