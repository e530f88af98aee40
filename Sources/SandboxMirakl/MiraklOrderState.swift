import Foundation

/// The order states of OR11 (mirakl-api.md §4 "States").
enum MiraklOrderState: String, Sendable, Codable, CaseIterable {
    case staging = "STAGING"
    case waitingAcceptance = "WAITING_ACCEPTANCE"
    case waitingDebit = "WAITING_DEBIT"
    case waitingDebitPayment = "WAITING_DEBIT_PAYMENT"
    case shipping = "SHIPPING"
    case shipped = "SHIPPED"
    case toCollect = "TO_COLLECT"
    case received = "RECEIVED"
    case closed = "CLOSED"
    case refused = "REFUSED"
    case canceled = "CANCELED"

    /// Whether the customer's addresses are disclosed ("Null before shipping", spec OR11).
    var disclosesAddresses: Bool {
        [.shipping, .shipped, .toCollect, .received, .closed].contains(self)
    }

    /// Whether OR29 may cancel (not yet debited to the customer).
    var canCancel: Bool {
        [.staging, .waitingAcceptance, .waitingDebit, .waitingDebitPayment].contains(self)
    }
}
