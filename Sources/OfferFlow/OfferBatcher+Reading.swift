import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import MiraklAPI
import VTEXAPI
import WorkerRuntime

/// Reading what to offer: the fulfillment simulation, and Mirakl's current offer for a SKU that
/// must be withdrawn.
extension OfferBatcher {
    /// Simulates `skuIds` in chunks; returns what the simulation said of each SKU it answered for.
    /// A chunk that failed transiently marks its SKUs for a retry; a refused one logs and parks
    /// them; refused credentials pause the flow (thrown).
    func simulate(
        _ skuIds: [String], failures: inout [String: WorkFailure], entries: inout [IntegrationEvent],
        operation: (String) -> IntegrationEvent.Operation
    ) async throws(WorkFailure) -> [String: SimulatedSKU] {
        let chunks = stride(from: 0, to: skuIds.count, by: Self.simulationChunk).map {
            Array(skuIds[$0..<min($0 + Self.simulationChunk, skuIds.count)])
        }
        let context = self.context
        let answers = await concurrently(chunks, limit: Self.callConcurrency) { chunk in
            do throws(VTEXError) {
                return Result<FulfillmentSimulation, VTEXError>.success(try await context.vtex.fulfillmentSimulation(
                    skuIds: chunk, tradePolicy: context.store.tradePolicy, affiliateId: context.store.affiliateId))
            } catch {
                return .failure(error)
            }
        }
        var simulated: [String: SimulatedSKU] = [:]
        for (chunk, answer) in zip(chunks, answers) {
            switch answer {
            case .success(let simulation):
                for (index, item) in simulation.items.enumerated() {
                    simulated[item.id] = SimulatedSKU(
                        priceCents: item.price ?? item.sellingPrice, stockBalance: simulation.stockBalance(ofItemAt: index),
                        availability: item.availability)
                }
            case .failure(let error):
                let failure = WorkFailure(classifying: error)
                if case .auth = failure { throw failure }
                for sku in chunk {
                    failures[sku] = failure
                    if case .business(let reason) = failure {
                        entries.append(context.logEntry(
                            "simulation:\(sku):\(Int(Date().timeIntervalSince1970))", sku: sku, operation: operation(sku), status: .error,
                            message: "The fulfillment simulation of SKU \(sku) on trade policy \(context.store.tradePolicy) failed: \(reason)",
                            answer: reason))
                    }
                }
            }
        }
        return simulated
    }

    /// Quantity-0 offers for SKUs that cannot be sold and have no price: at the price Carrefour
    /// already holds (OF21). A SKU Carrefour has no offer for needs nothing; that is logged.
    func withdraw(
        _ withdrawals: [(sku: String, reason: String)], failures: inout [String: WorkFailure], entries: inout [IntegrationEvent],
        operation: (String) -> IntegrationEvent.Operation
    ) async throws(WorkFailure) -> [OfferQuote] {
        guard !withdrawals.isEmpty else { return [] }
        let context = self.context
        let current = await concurrently(withdrawals.map(\.sku), limit: Self.callConcurrency) { sku in
            do throws(MiraklError) {
                return Result<OfferList.Offer?, MiraklError>.success(try await context.mirakl.offer(sku: sku))
            } catch {
                return .failure(error)
            }
        }
        var quotes: [OfferQuote] = []
        for ((sku, reason), answer) in zip(withdrawals, current) {
            switch answer {
            case .success(let offer?):
                quotes.append(OfferQuote(skuId: sku, priceCents: Self.cents(offer.price), quantity: 0))
            case .success(nil):
                entries.append(context.logEntry(
                    "withdraw:\(sku):\(Int(Date().timeIntervalSince1970))", sku: sku, operation: operation(sku), status: .alert,
                    message: "\(reason); Carrefour has no offer for it, so nothing was sent"))
            case .failure(let error):
                let failure = WorkFailure(classifying: error)
                if case .auth = failure { throw failure }
                failures[sku] = failure
                if case .business(let text) = failure {
                    entries.append(context.logEntry(
                        "withdraw:\(sku):\(Int(Date().timeIntervalSince1970))", sku: sku, operation: operation(sku), status: .error,
                        message: "\(reason), and its offer could not be read from Carrefour: \(text)", answer: text))
                }
            }
        }
        return quotes
    }

    /// A Mirakl price in whole cents, half-cents rounded away from zero (what `NSDecimalRound` with
    /// `.plain` gave), read from the decimal's exact digits (`Decimal.description` is plain notation).
    static func cents(_ price: Decimal) -> Int {
        var text = Substring(price.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let point = text.firstIndex(of: ".") ?? text.endIndex
        let fraction = Array(text[point...].dropFirst()) + ["0", "0", "0"]
        guard let whole = Int(text[..<point].isEmpty ? "0" : text[..<point]),
            let hundredths = Int(String(fraction[0...1])), let next = fraction[2].wholeNumberValue
        else { return 0 }
        let cents = whole * 100 + hundredths + (next >= 5 ? 1 : 0)
        return negative ? -cents : cents
    }
}
