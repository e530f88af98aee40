import Foundation

/// How orders move an offer's quantity (docs/stock-and-orders.md).
///
/// An offer's `quantity` is the quantity *available* to buyers (spec OF01 `quantity`: "Quantity
/// available of the offer"; OF21 `quantity`: "Available quantity of the offer"), so the units of an
/// order are no longer available once the order exists: they are taken off when the order is
/// created, and given back when a line is refused (OR21) or the order is refused or canceled (OR29,
/// the customer or operator). Mirakl's seller documentation does not spell the bookkeeping out; the
/// sandbox follows the harsher reading for a connector (an OF01 sent between the order and its
/// integration in the store must not give the units back), as the house rule asks.
extension MiraklStore {
    /// Takes up to `units` off the offer of `sku` (an order for more than the offer holds takes
    /// what there is: the admin API also stands for operator-side orders); returns the units taken.
    static func takeFromOffer(_ sku: String, units: Int, in state: inout State, at date: Date) -> Int {
        guard var offer = state.offers[sku], units > 0 else { return 0 }
        let taken = min(units, max(0, offer.quantity))
        offer.quantity -= taken
        offer.updated = date
        state.offers[sku] = offer
        return taken
    }

    /// Gives back the units of every line that no longer holds them: a refused line, or every line
    /// of a refused or canceled order. An offer deleted meanwhile gets nothing back.
    static func giveBackReleasedUnits(of order: inout OrderRecord, in state: inout State, at date: Date) {
        let orderReleased = order.state == .refused || order.state == .canceled
        for index in order.lines.indices where order.lines[index].takenFromOffer > 0 {
            guard orderReleased || order.lines[index].refused else { continue }
            let line = order.lines[index]
            if var offer = state.offers[line.offerSKU] {
                offer.quantity += line.takenFromOffer
                offer.updated = date
                state.offers[line.offerSKU] = offer
            }
            order.lines[index].takenFromOffer = 0
        }
    }
}
