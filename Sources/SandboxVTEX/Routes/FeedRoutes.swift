import Foundation
import Hummingbird

/// One feed item as `GET /api/orders/feed` returns it (dates as strings).
struct FeedItemResponse: Encodable, Sendable {
    var eventId: String
    var handle: String
    var domain: String
    var state: String
    var lastState: String
    var orderId: String
    var lastChange: String
    var currentChange: String
}

/// `GET /api/orders/feed/config`.
struct FeedConfigurationResponse: Encodable, Sendable {
    var filter: FeedConfiguration.Filter
    var queue: FeedConfiguration.Queue
    var quantity: Int
    var approximateAgeOfOldestMessageInSeconds: Double
}

/// `POST /api/orders/feed` body.
struct FeedCommitRequest: Decodable, Sendable {
    var handles: [String]
}

extension VTEXSandbox {
    /// Orders Feed v3 (vtex-apis.md §8): config (POST/GET/DELETE), read, commit. One feed (one AppKey).
    func addFeedRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/orders/feed/config") { request, _ -> Response in
            calls.record("FeedConfiguration")
            switch await RouteSupport.decode(FeedConfiguration.self, from: request) {
            case .failure(let failure):
                return RouteSupport.error(.badRequest, failure.message)
            case .success(let configuration):
                guard ["FromWorkflow", "FromOrders"].contains(configuration.filter.type) else {
                    return RouteSupport.error(.badRequest, "filter.type must be FromWorkflow or FromOrders")
                }
                guard configuration.queue.MessageRetentionPeriodInSeconds <= 1_209_600,
                      configuration.queue.visibilityTimeoutInSeconds >= 0 else {
                    return RouteSupport.error(.badRequest, "queue settings out of range")
                }
                store.withState { $0.feedConfiguration = configuration }
                return Response(status: .ok)
            }
        }
        router.get("/api/orders/feed/config") { _, _ -> Response in
            calls.record("GetFeedConfiguration")
            let now = store.now
            let answer = store.withState { state -> FeedConfigurationResponse? in
                guard let configuration = state.feedConfiguration else { return nil }
                let oldest = state.feedEvents.map(\.enqueuedAt).min().map { now.timeIntervalSince($0) } ?? 0
                return FeedConfigurationResponse(filter: configuration.filter, queue: configuration.queue,
                                                 quantity: state.feedEvents.count,
                                                 approximateAgeOfOldestMessageInSeconds: oldest)
            }
            guard let answer else { return RouteSupport.error(.notFound, "No feed configured for this AppKey") }
            return try RouteSupport.json(answer)
        }
        router.delete("/api/orders/feed/config") { _, _ -> Response in
            calls.record("FeedConfigurationDelete")
            let existed = store.withState { state -> Bool in
                defer { state.feedConfiguration = nil; state.feedEvents = [] }
                return state.feedConfiguration != nil
            }
            return existed ? Response(status: .ok) : RouteSupport.error(.notFound, "No feed configured for this AppKey")
        }
        router.get("/api/orders/feed") { request, _ -> Response in
            calls.record("GetFeed")
            let maxlot = request.intQuery("maxlot") ?? 1
            guard (1...10).contains(maxlot) else { return RouteSupport.error(.badRequest, "maxlot must be 1…10") }
            let events = store.withState { $0.readFeed(maxlot: maxlot, now: store.now) }
            guard let events else { return RouteSupport.error(.notFound, "No feed configured for this AppKey") }
            return try RouteSupport.json(events.map {
                FeedItemResponse(eventId: $0.eventId, handle: $0.handle, domain: $0.domain, state: $0.state,
                                 lastState: $0.lastState, orderId: $0.orderId,
                                 lastChange: VTEXDate.string($0.lastChange), currentChange: VTEXDate.string($0.currentChange))
            })
        }
        router.post("/api/orders/feed") { request, _ -> Response in
            calls.record("CommitFeed")
            switch await RouteSupport.decode(FeedCommitRequest.self, from: request) {
            case .failure(let failure):
                return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                let removed = store.withState { $0.commitFeed(handles: body.handles) }
                return removed == nil ? RouteSupport.error(.notFound, "No feed configured for this AppKey") : Response(status: .ok)
            }
        }
    }
}
