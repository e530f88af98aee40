import IntegrationRules
import Testing

@Suite("Order states and ids: Mirakl order states, VTEX order statuses, the VTEX id of a marketplace order")
struct OrderStatesTests {
    /// OR11's `order_state` enum as the spec writes it (specs/mirakl/mirakl-mmp-seller-openapi.json,
    /// `OR11_Response_200_Orders.order_state`), copied here so that a case renamed in the code fails.
    static let or11States = [
        "STAGING", "WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT", "SHIPPING", "SHIPPED",
        "TO_COLLECT", "RECEIVED", "CLOSED", "REFUSED", "CANCELED",
    ]

    @Test("every state of OR11's enum has a case of its own and reads back as Mirakl wrote it")
    func miraklStatesRoundTrip() {
        for raw in Self.or11States {
            let state = MiraklOrderState(raw)
            #expect(state.rawValue == raw)
            #expect("\(state)" == raw)
            if case .other = state { Issue.record("\(raw) is listed by the spec but fell to .other") }
        }
        #expect(MiraklOrderState.listed.map(\.rawValue) == Self.or11States)
        #expect(MiraklOrderState("SHIPPING") == .shipping)
        #expect(MiraklOrderState("WAITING_ACCEPTANCE") == .waitingAcceptance)
    }

    @Test("a Mirakl state the spec does not list is kept whole, never lost or mistaken for a listed one")
    func unknownMiraklStates() {
        for raw in ["WAITING_REFUND", "WAITING_REFUND_PAYMENT", "shipping", "SHIPPING ", "", "ÉTAT_NOUVEAU"] {
            let state = MiraklOrderState(raw)
            #expect(state == .other(raw))
            #expect(state.rawValue == raw)
            #expect(!MiraklOrderState.listed.contains(state))
        }
    }

    @Test("VTEX statuses read as VTEX writes them; an unknown status is kept whole")
    func vtexStatuses() {
        for status in VTEXOrderStatus.named {
            #expect(VTEXOrderStatus(status.rawValue) == status)
            #expect("\(status)" == status.rawValue)
        }
        #expect(Set(VTEXOrderStatus.named.map(\.rawValue)).count == VTEXOrderStatus.named.count)
        #expect(VTEXOrderStatus("ready-for-handling") == .readyForHandling)
        #expect(VTEXOrderStatus("waiting-for-mkt-authorization") == .waitingForMktAuthorization)
        #expect(VTEXOrderStatus("invoiced") == .invoiced)
        for raw in ["replaced", "Invoiced", "order-accepted", "", "canceled "] {
            #expect(VTEXOrderStatus(raw) == .other(raw))
            #expect(VTEXOrderStatus(raw).rawValue == raw)
        }
    }

    @Test("the VTEX statuses group as the status table of reference/vtex-apis.md §9")
    func vtexStatusGroups() {
        let waiting = VTEXOrderStatus.named.filter(\.isWaitingForAuthorization)
        #expect(Set(waiting) == [.waitingForMktAuthorization, .waitingForManualAuthorization, .waitingForAuthorization])
        let handling = VTEXOrderStatus.named.filter(\.isApprovedForHandling)
        #expect(Set(handling) == [.windowToCancel, .readyForHandling, .startHandling, .handling])
        #expect(Set(VTEXOrderStatus.named.filter(\.isInvoiced)) == [.invoice, .invoiced])
        #expect(Set(VTEXOrderStatus.named.filter(\.isCanceledOrCanceling)) == [.cancel, .canceled, .cancellationRequested])
        let unknown = VTEXOrderStatus("replaced")
        #expect(!unknown.isWaitingForAuthorization && !unknown.isApprovedForHandling && !unknown.isInvoiced && !unknown.isCanceledOrCanceling)
    }

    @Test("the VTEX id of a marketplace order is {affiliateId}-{marketplaceOrderId}, and parses back")
    func marketplaceOrderIdRoundTrip() {
        let id = MarketplaceOrderId(affiliateId: "CRF", marketplaceOrderId: "123456789-A")
        #expect(id.vtexOrderId == "CRF-123456789-A")
        #expect("\(id)" == "CRF-123456789-A")
        let parsed = MarketplaceOrderId(vtexOrderId: "CRF-123456789-A", affiliateId: "CRF")
        #expect(parsed == id)
        #expect(parsed?.marketplaceOrderId == "123456789-A")
        #expect(parsed?.affiliateId == "CRF")
    }

    @Test("malformed or foreign VTEX ids are no marketplace order of the affiliate",
          arguments: ["", "CRF", "CRF-", "-123", "123", "CRF123", "crf-123", "MKP-123", " CRF-123", "XCRF-123", "CR-F-123"])
    func malformedIds(_ vtexOrderId: String) {
        #expect(MarketplaceOrderId(vtexOrderId: vtexOrderId, affiliateId: "CRF") == nil)
    }

    @Test("an empty affiliate id matches no VTEX id")
    func emptyAffiliate() {
        #expect(MarketplaceOrderId(vtexOrderId: "-123", affiliateId: "") == nil)
        #expect(MarketplaceOrderId(vtexOrderId: "CRF-123", affiliateId: "") == nil)
    }
}
