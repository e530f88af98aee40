import Foundation
import Hummingbird

/// HTTPTypes' field name, reached through the type Hummingbird re-exports.
private typealias FieldName = HTTPFields.Element.Name

extension LocalServer {
    /// The routes the tests call.
    static func addRoutes(to router: Router<ConnectionRequestContext>) {
        router.get("hello") { _, _ in "hello" }

        // Echoes the body and its content type, with the method in a header.
        router.on("echo", method: .post, use: echo)
        router.on("echo", method: .put, use: echo)
        router.on("echo", method: .patch, use: echo)
        router.on("echo", method: .delete, use: echo)
        router.on("echo", method: .head, use: echo)

        // The request headers as the server received them.
        router.get("headers") { request, _ in
            let fields = request.headers.map { [$0.name.rawName, $0.value] }
            return try jsonResponse(ReceivedHeaders(fields: fields))
        }

        router.post("json") { request, context in
            let order = try JSONDecoder().decode(Order.self, from: Data(try await bytes(of: request, context)))
            let receipt = Receipt(
                id: order.id, lines: order.items.count,
                total: order.items.reduce(0) { $0 + Double($1.quantity) * $1.price },
                contentType: request.headers[.contentType] ?? "")
            return try jsonResponse(receipt)
        }

        router.post("upload") { request, context in
            let body = try await bytes(of: request, context)
            let parts = try MultipartParser.parse(body: body, contentType: request.headers[.contentType] ?? "")
            return try jsonResponse(parts)
        }

        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(2))
            return "late"
        }

        router.get("gzip") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .contentEncoding: "gzip"],
                body: .init(byteBuffer: ByteBuffer(bytes: Payloads.gzipped)))
        }

        router.get("rate-limited/seconds") { _, _ in
            Response(status: .tooManyRequests, headers: [.retryAfter: "7"])
        }

        router.get("rate-limited/date") { _, _ in
            let when = Payloads.imfFixdate(Date().addingTimeInterval(120))
            return Response(status: .tooManyRequests, headers: [.retryAfter: when])
        }

        router.get("status/:code") { _, context in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
    }

    @Sendable private static func echo(_ request: Request, _ context: ConnectionRequestContext) async throws -> Response {
        let body = try await bytes(of: request, context)
        var headers: HTTPFields = [:]
        headers[.contentType] = request.headers[.contentType] ?? "none"
        if let method = FieldName("X-Method") { headers[method] = request.method.rawValue }
        if let length = FieldName("X-Content-Length") { headers[length] = request.headers[.contentLength] ?? "none" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func bytes(of request: Request, _ context: ConnectionRequestContext) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }

    private static func jsonResponse(_ value: some Encodable) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(data))))
    }
}
