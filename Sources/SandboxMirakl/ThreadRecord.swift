import Foundation

/// A thread opened on an order with OR43: its first message, kept for the admin read-back.
struct ThreadRecord: Sendable, Encodable {
    var threadId: String
    var messageId: String
    var topic: String
    var body: String
    var to: [String]
    var created: Date
}

/// OR43's answer (`OR43_Response_201`).
struct ThreadCreatedWire: Encodable {
    var message_id: String
    var thread_id: String
}

extension MiraklStore {
    /// OR43: opens a thread on order `id` (any state: a thread is a conversation, not a transition).
    func createThread(_ id: String, topic: String, body: String, to: [String]) throws(MiraklAPIError) -> ThreadCreatedWire {
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            let number = order.threads.count + 1
            let thread = ThreadRecord(
                threadId: "thread-\(id)-\(number)", messageId: "message-\(id)-\(number)", topic: topic, body: body, to: to,
                created: now)
            order.threads.append(thread)
            return ThreadCreatedWire(message_id: thread.messageId, thread_id: thread.threadId)
        }
    }
}
