import Foundation
import HTTPLayer
import Logging
import SandboxSupport
import ServiceLifecycle
import Synchronization

/// The asynchronous side of the fake VTEX: the New Order Integration queue and every outgoing webhook.
///
/// Routes enqueue jobs and answer at once (SOI003 for order integration, as VTEX does); `run()` processes
/// jobs in arrival order after `processingDelay`, then POSTs the results. Deliveries run concurrently with
/// later jobs (at most ``concurrentDeliveries`` at once), each tried up to `webhookAttempts` times on
/// transient failures, through `HTTPLayer`.
/// It is a `Service`, so the application's `ServiceGroup` starts and stops it with the HTTP server.
final class VTEXOutbox: Service, Sendable {
    enum Job: Sendable {
        case newOrder(NewOrderRequest, affiliateId: String)
        case approve(OrderStatusRequest, affiliateId: String)
        case deliver([OutboundWebhook])
    }

    private let store: VTEXStore
    private let jobs: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    private let client: HTTPClient
    private let settings: Settings
    private let logger: Logger

    /// Timing of the queue and of deliveries, changeable at run time through the admin API.
    final class Settings: Sendable {
        private let values: Mutex<(delay: Duration, attempts: Int, timeout: Duration)>
        init(delay: Duration, attempts: Int, timeout: Duration) { values = Mutex((delay, max(1, attempts), timeout)) }
        var processingDelay: Duration {
            get { values.withLock { $0.delay } }
            set { values.withLock { $0.delay = newValue } }
        }
        var attempts: Int { values.withLock { $0.attempts } }
        var timeout: Duration { values.withLock { $0.timeout } }
    }

    init(store: VTEXStore, settings: Settings, logger: Logger) {
        self.store = store
        self.settings = settings
        self.logger = logger
        (jobs, continuation) = AsyncStream.makeStream(of: Job.self)
        var configuration = HTTPClient.Configuration()
        configuration.requestTimeout = settings.timeout
        configuration.connectTimeout = .seconds(2)
        configuration.userAgent = "vtex-sandbox"
        client = HTTPClient(configuration: configuration, logger: logger)
    }

    /// Queues a job; never blocks.
    func enqueue(_ job: Job) {
        continuation.yield(job)
    }

    /// Deliveries running at once, at most: VTEX's notifiers do not open thousands of connections
    /// to a connector at once, and neither does the sandbox under a burst of orders.
    static let concurrentDeliveries = 64

    /// Processes jobs until graceful shutdown.
    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for await job in jobs.cancelOnGracefulShutdown() {
                let webhooks = await process(job)
                guard !webhooks.isEmpty else { continue }
                if running >= Self.concurrentDeliveries {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.deliver(webhooks) }
                running += 1
            }
            group.cancelAll()
        }
        await client.shutdown()
    }

    private func process(_ job: Job) async -> [OutboundWebhook] {
        switch job {
        case .deliver(let webhooks):
            return webhooks
        case .newOrder(let request, let affiliateId):
            try? await Task.sleep(for: settings.processingDelay)
            let (results, notifications) = store.withState { state in
                (state.integrate(request, affiliateId: affiliateId, now: store.now), state.takeOrderStockNotifications())
            }
            return results.compactMap { processingResult($0, endpoint: request.connectorEndpoint) } + notifications
        case .approve(let request, let affiliateId):
            try? await Task.sleep(for: settings.processingDelay)
            let result: OrderIntegrationResult
            if request.marketplaceOrderStatus.lowercased() == "approved" {
                result = store.withState {
                    $0.approve(marketplaceOrderId: request.marketplaceOrderId, affiliateId: affiliateId, now: store.now)
                }
            } else {
                let account = store.withState { $0.accountName }
                result = OrderIntegrationResult(
                    marketplaceOrderId: Nullable(request.marketplaceOrderId), accountName: Nullable(account),
                    code: "EOI005", flow: "ApproveOrder", success: false, operationId: nil,
                    errors: Nullable([.init(source: "Order Integration", code: "EOI005",
                                            description: "marketplaceOrderStatus must be approved")]),
                    fields: nil, message: "Validation error: only approved can be set")
            }
            return processingResult(result, endpoint: request.connectorEndpoint).map { [$0] } ?? []
        }
    }

    /// The processing-result POST of one result:
    /// `POST {connectorEndpoint}/order-integration/notification/processing-result?an={accountName}`
    /// (seeds/new-order-integration.md "Order Processing Result").
    private func processingResult(_ result: OrderIntegrationResult, endpoint: String?) -> OutboundWebhook? {
        guard var base = endpoint, !base.isEmpty, let body = try? JSONEncoder().encode(result) else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        let account = store.withState { $0.accountName }
        let query = account.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? account
        return OutboundWebhook(
            kind: "processing-result",
            url: "\(base)/order-integration/notification/processing-result?an=\(query)", body: Array(body))
    }

    /// POSTs webhooks one after the other (keeping their order), retrying transient failures.
    private func deliver(_ webhooks: [OutboundWebhook]) async {
        for webhook in webhooks {
            var attempts = 0
            var status: Int?
            var failure: String?
            while attempts < settings.attempts, !Task.isCancelled {
                attempts += 1
                do {
                    let response = try await client.execute(HTTPRequest(
                        method: .post, url: webhook.url, headers: ["Accept": "application/json"],
                        body: .bytes(webhook.body, contentType: "application/json"), timeout: settings.timeout))
                    status = response.status
                    failure = nil
                    if response.status < 500 && response.status != 429 { break }
                } catch {
                    failure = error.description
                    if !error.isTransient { break }
                }
                try? await Task.sleep(for: .milliseconds(50 << attempts))
            }
            let delivered = status.map { (200..<300).contains($0) } ?? false
            if !delivered {
                logger.warning("webhook not delivered", metadata: [
                    "kind": "\(webhook.kind)", "url": "\(webhook.url)", "status": "\(status.map(String.init) ?? "none")",
                ])
            }
            store.withState { state in
                state.webhooks.append(WebhookRecord(
                    id: state.webhooks.count + 1, kind: webhook.kind, url: webhook.url,
                    body: String(decoding: webhook.body, as: UTF8.self), attempts: attempts, status: status,
                    error: failure, delivered: delivered))
            }
        }
    }
}
