import Foundation
import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// OR11, OR21, OR23, OR24, OR29 (mirakl-api.md §4).
    ///
    /// OR11's spec gives two uses: asynchronous (polling; at most once per minute) and synchronous
    /// ("at each order page display"), which reading given orders by `order_ids` is — it replaced
    /// the deprecated single-order OR12. Only the polling use is limited.
    func addOrderRoutes(to router: Router<BasicRequestContext>) {
        let readsById: @Sendable (Request) -> Bool = { request in
            !(request.uri.queryParameters.get("order_ids") ?? "").isEmpty
        }
        router.get("/api/orders", use: operation(.or11, synchronous: readsById) { [store] request, _ in
            Response.bytes(store.listOrders(try Self.orderQuery(request)), contentType: "application/json")
        })
        router.put("/api/orders/:order_id/accept", use: operation(.or21) { [store] request, context in
            let id = try Self.parameter("order_id", context)
            let body: AcceptBody
            do {
                body = try JSONDecoder().decode(AcceptBody.self, from: Data(try await Self.body(of: request)))
            } catch {
                throw MiraklAPIError.badRequest("VALIDATION_ERROR: the body must be {\"order_lines\":[{\"id\",\"accepted\"}]}")
            }
            var decisions: [String: Bool] = [:]
            for line in body.order_lines {
                guard decisions.updateValue(line.accepted, forKey: line.id) == nil else {
                    throw MiraklAPIError.badRequest("ORDER_LINE_DUPLICATE_ID: order line \(line.id) appears twice")
                }
            }
            try store.acceptOrder(id, decisions: decisions)
            return Response(status: .noContent)
        })
        router.put("/api/orders/:order_id/tracking", use: operation(.or23) { [store, clock] request, context in
            let id = try Self.parameter("order_id", context)
            let body: TrackingBody
            do {
                body = try JSONDecoder().decode(TrackingBody.self, from: Data(try await Self.body(of: request)))
            } catch {
                throw MiraklAPIError.badRequest("The body must be a JSON object with carrier_code or carrier_name")
            }
            try store.setTracking(id, tracking: TrackingRecord(
                carrierCode: body.carrier_code, carrierName: body.carrier_name, carrierURL: body.carrier_url,
                trackingNumber: body.tracking_number, received: clock.now))
            return Response(status: .noContent)
        })
        router.put("/api/orders/:order_id/ship", use: operation(.or24) { [store] _, context in
            try store.ship(try Self.parameter("order_id", context))
            return Response(status: .noContent)
        })
        // OR43 (mirakl-mmp-seller-openapi.json "OR43 - Create a thread on an order"): multipart with the
        // required part `thread_input` ({body, to, topic: {type, value}}); 201 {message_id, thread_id}.
        router.post("/api/orders/:order_id/threads", use: operation(.or43) { [store] request, context in
            let id = try Self.parameter("order_id", context)
            let form: MultipartForm
            do {
                form = try MultipartForm.parse(body: try await Self.body(of: request), contentType: request.headers[.contentType])
            } catch {
                throw MiraklAPIError.badRequest(String(describing: error))
            }
            let input = try Self.threadInput(in: form)
            let created = try store.createThread(id, topic: input.topic.value, body: input.body, to: input.to)
            return try Response.json(created, status: .created)
        })
        router.put("/api/orders/:order_id/cancel", use: operation(.or29) { [store] _, context in
            try store.cancel(try Self.parameter("order_id", context))
            return Response(status: .noContent)
        })
    }

    /// OR11's query parameters: paging, `order_ids`, `order_state_codes`, the creation and update date
    /// ranges, `paginate` and `order`.
    static func orderQuery(_ request: Request) throws(MiraklAPIError) -> OrderQuery {
        let parameters = request.uri.queryParameters
        let page = try Self.page(request)
        var query = OrderQuery()
        query.max = page.max
        query.offset = page.offset
        query.orderIds = parameters.get("order_ids").map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
        query.states = parameters.get("order_state_codes").map { Set($0.split(separator: ",").map { $0.trimmingSpaces }) }
        query.startDate = try Self.date("start_date", request)
        query.endDate = try Self.date("end_date", request)
        query.startUpdateDate = try Self.date("start_update_date", request)
        query.endUpdateDate = try Self.date("end_update_date", request)
        query.paginate = parameters.get("paginate") != "false"
        query.descending = parameters.get("order")?.lowercased() == "desc"
        return query
    }

    /// OR43's required part `thread_input`, decoded and checked against the spec's bounds.
    static func threadInput(in form: MultipartForm) throws(MiraklAPIError) -> ThreadInput {
        guard let part = form.part(named: "thread_input"),
              let input = try? JSONDecoder().decode(ThreadInput.self, from: Data(part.data)),
              (3...50_000).contains(input.body.count), !input.to.isEmpty, !input.topic.value.isEmpty,
              ["FREE_TEXT", "REASON_CODE"].contains(input.topic.type),
              input.to.allSatisfy({ ["OPERATOR", "SHOP", "CUSTOMER"].contains($0) })
        else {
            throw MiraklAPIError.badRequest(
                "The part 'thread_input' must be {body (3 to 50000 characters), to: [OPERATOR|SHOP|CUSTOMER], topic: {type: FREE_TEXT|REASON_CODE, value}}")
        }
        return input
    }

    /// OR43 `thread_input`.
    struct ThreadInput: Decodable {
        struct Topic: Decodable {
            var type: String
            var value: String
        }
        var body: String
        var to: [String]
        var topic: Topic
    }

    /// OR21 body.
    struct AcceptBody: Decodable {
        struct Line: Decodable {
            var id: String
            var accepted: Bool
        }
        var order_lines: [Line]
    }

    /// OR23 body.
    struct TrackingBody: Decodable {
        var carrier_code: String?
        var carrier_name: String?
        var carrier_standard_code: String?
        var carrier_url: String?
        var tracking_number: String?
    }
}
