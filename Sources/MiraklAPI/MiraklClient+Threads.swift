#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import HTTPLayer

/// OR43 `POST /api/orders/{order_id}/threads`: a message to the operator on an order. The seeds'
/// "we send a message to Carrefour's integration API" for an order canceled in the store
/// (integrate-with-carrefour.md "Order cancelation information"); OR42, the older order-message
/// call, is deprecated in the spec ("Use OR43 and M12 instead").
extension MiraklClient {
    /// Opens a thread on `orderId` with Carrefour (the operator): `multipart/form-data` with the part
    /// `thread_input` (`{body, to: ["OPERATOR"], topic: {type: FREE_TEXT, value}}`). Returns the thread id.
    public func createOrderThread(orderId: String, topic: String, body: String) async throws(MiraklError) -> String {
        let input = MiraklThreadInput(body: body, to: ["OPERATOR"], topic: .init(type: "FREE_TEXT", value: topic))
        let json: Data
        do {
            json = try Self.encoder.encode(input)
        } catch {
            throw .invalidResponse(operation: "OR43", message: "cannot encode the request: \(error)")
        }
        let form = MultipartForm(parts: [
            MultipartForm.Part(name: "thread_input", filename: nil, contentType: "application/json", data: Array(json)),
        ])
        let response = try await send("OR43", method: .post, path: "/api/orders/\(Self.pathSegment(orderId))/threads", body: .multipart(form), subject: orderId)
        do {
            return try response.decode(MiraklThreadCreated.self, decoder: Self.decoder).threadId
        } catch {
            throw .invalidResponse(operation: "OR43", message: "\(error)")
        }
    }
}

/// OR43's `thread_input` part.
public struct MiraklThreadInput: Codable, Sendable, Equatable {
    /// `topic`: a free text here.
    public struct Topic: Codable, Sendable, Equatable {
        public var type: String
        public var value: String
    }
    public var body: String
    /// `OPERATOR` (Carrefour), `CUSTOMER`.
    public var to: [String]
    public var topic: Topic
}

/// OR43's answer.
struct MiraklThreadCreated: Decodable {
    var threadId: String
    var messageId: String?

    enum CodingKeys: String, CodingKey {
        case threadId = "thread_id", messageId = "message_id"
    }
}
