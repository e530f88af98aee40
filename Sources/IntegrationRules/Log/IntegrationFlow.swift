#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The flows an operator watches, named as Mirakl's and VTEX's operations are (the seeds'
/// "how the Carrefour integration works"), and which of them an integration-log entry is about.
///
/// The log's entries are per entity (a SKU, an order); the flow follows from the entity and the
/// entry's operation id, which every worker composes the same way (`P41:<import>:<sku>`,
/// `OF01:<import>:<sku>[:sent]`, `order:<id>:<step>`, `reprocess:<request>:<attempt>`).
public enum IntegrationFlow: String, Sendable, Codable, CaseIterable, Comparable {
    /// Validation of a VTEX SKU before it is queued for a product import.
    case catalogValidation = "catalog validation"
    /// P41: a product import sent.
    case productImport = "P41"
    /// P42 → P44/P45: a product import's outcome per SKU.
    case productImportReport = "P42/P44/P45"
    /// OF01: an offer import sent.
    case offerImport = "OF01"
    /// OF02 → OF03: an offer import's outcome per SKU.
    case offerImportReport = "OF02/OF03"
    /// OR11: an order read from Carrefour's order list.
    case orderRead = "OR11"
    /// OR21: an order accepted, refused or left for the seller.
    case orderAcceptance = "OR21"
    /// VTEX's New Order Integration, and its asynchronous result.
    case orderIntegration = "New Order Integration"
    /// The approval of an integrated order's payment in VTEX.
    case orderApproval = "approve"
    /// A cancellation on either side.
    case cancellation = "cancellation"
    /// OR23 tracking then OR24 shipping, from a VTEX invoice.
    case shipping = "OR23/OR24"
    /// A delivered order (VTEX's courier status finished).
    case delivery = "delivered"
    /// An operator's reprocess series.
    case reprocess = "reprocess"
    /// A reconcile of Carrefour's offers against VTEX.
    case reconcile = "reconcile"
    /// A key refused by Carrefour or VTEX (401/403): the worker's flow pauses.
    case credentials = "credentials"
    /// The integration switched off (`CARREFOUR_INTEGRATION_ACTIVE=false`).
    case integrationSwitch = "integration switch"
    /// Anything else the log holds.
    case other = "other"

    /// The flow `event` is about.
    public init(of event: IntegrationEvent) {
        let parts = event.operationId.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let head = parts.first ?? ""
        switch head {
        case "reprocess": self = .reprocess
        case "reconcile": self = .reconcile
        case "auth": self = .credentials
        case "inactive": self = .integrationSwitch
        case "P41": self = .productImport
        case "P42", "P44", "P45": self = .productImportReport
        case "validate", "queue": self = .catalogValidation
        case "OF01": self = parts.last == "sent" || parts.dropFirst().first == "refused" ? .offerImport : .offerImportReport
        case "order": self = Self.orderFlow(step: parts.count > 2 ? parts[2] : "", operation: event.operation)
        default: self = Self.fallback(event.operation)
        }
    }

    private static func orderFlow(step: String, operation: IntegrationEvent.Operation) -> IntegrationFlow {
        switch step {
        case "accept", "refuse", "leave", "acceptance": .orderAcceptance
        case "integrate", "integrated", "result": .orderIntegration
        case "approved": .orderApproval
        case "cancel", "vtex-canceled": .cancellation
        case "ship", "invoice": .shipping
        case "delivered": .delivery
        case "read", "state": .orderRead
        default: fallback(operation)
        }
    }

    private static func fallback(_ operation: IntegrationEvent.Operation) -> IntegrationFlow {
        switch operation {
        case .cancellation: .cancellation
        case .tracking, .invoice: .shipping
        default: .other
        }
    }

    public static func < (lhs: IntegrationFlow, rhs: IntegrationFlow) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// A worker whose latest entry is a refused key or the integration switched off: its flows do
/// not run until the key is fixed or the integration switched on again.
public struct WorkerPause: Sendable, Codable, Equatable {
    public var worker: String
    /// Why: the entry's business message (which key to fix, or that the integration is off).
    public var reason: String
    public var since: Date

    /// The paused workers in `events` (read oldest first): those whose latest refused-key or
    /// switched-off entry is newer than their latest success.
    public static func detect(_ events: [IntegrationEvent]) -> [String: WorkerPause] {
        var pauses: [String: WorkerPause] = [:]
        for event in events {
            switch IntegrationFlow(of: event) {
            case .credentials, .integrationSwitch:
                pauses[event.worker] = WorkerPause(worker: event.worker, reason: event.message, since: pauses[event.worker]?.since ?? event.at)
            default:
                if event.status == .success { pauses[event.worker] = nil }
            }
        }
        return pauses
    }
}

/// What the log says of one flow over a look-back: its latest success and latest failure, and
/// how many errors and alerts it had.
public struct FlowActivity: Sendable, Codable, Equatable {
    /// One remembered entry.
    public struct Entry: Sendable, Codable, Equatable {
        public var at: Date
        public var entityId: String
        public var message: String
    }

    public var flow: IntegrationFlow
    /// The latest `Success` entry.
    public var lastSuccess: Entry?
    /// The latest `Error` or `Alert` entry.
    public var lastFailure: Entry?
    public var errors: Int
    public var alerts: Int

    public init(flow: IntegrationFlow) {
        self.flow = flow
        self.errors = 0
        self.alerts = 0
    }

    /// Each flow's activity in `events` (read oldest first) at or after `since`, flows in
    /// ``IntegrationFlow`` order; a flow with no entry is left out.
    public static func summarize(_ events: [IntegrationEvent], since: Date) -> [FlowActivity] {
        var byFlow: [IntegrationFlow: FlowActivity] = [:]
        for event in events where event.at >= since {
            let flow = IntegrationFlow(of: event)
            var activity = byFlow[flow] ?? FlowActivity(flow: flow)
            let entry = Entry(at: event.at, entityId: event.entityId, message: event.message)
            switch event.status {
            case .success:
                if activity.lastSuccess.map({ $0.at <= event.at }) ?? true { activity.lastSuccess = entry }
            case .error, .alert:
                if event.status == .error { activity.errors += 1 } else { activity.alerts += 1 }
                if activity.lastFailure.map({ $0.at <= event.at }) ?? true { activity.lastFailure = entry }
            case .pending, .info:
                break
            }
            byFlow[flow] = activity
        }
        return byFlow.values.sorted { $0.flow < $1.flow }
    }

    /// Whether the flow's latest success is older than `maximumAge` at `now`, or it failed with
    /// no success since (a flow with neither is idle, not stale).
    public func isStale(maximumAge: TimeInterval, now: Date) -> Bool {
        guard let success = lastSuccess else { return lastFailure != nil }
        return now.timeIntervalSince(success.at) > maximumAge
    }
}
