import ArgumentParser
import SandboxMirakl
import SandboxSupport

/// The fake Mirakl's command-line settings (every `MiraklSettings` field, faults included).
struct MiraklOptions: ParsableArguments {
    @Option(help: "Port of the fake Mirakl API (0 = any free port; the bound URL is printed).")
    var miraklPort = 0

    @Option(help: ArgumentHelp(
        "Shop API key Mirakl expects in `Authorization` (else env MIRAKL_SHOP_KEY, else sandbox-shop-key).",
        valueName: "key"))
    var shopKey: String?

    @Option(help: "Shop id returned by A01 and P42.")
    var shopId = 2001

    @Option(help: "Shop name returned by A01.")
    var shopName = "Loja VTEX Sandbox"

    @Option(help: "P41 import: sandbox seconds in WAITING.")
    var productImportWaiting = 60.0

    @Option(help: "P41 import: sandbox seconds in RUNNING.")
    var productImportRunning = 120.0

    @Option(help: "P41 import: sandbox seconds in SENT before COMPLETE.")
    var productImportSent = 600.0

    @Option(help: "Sandbox seconds after COMPLETE before an integrated product is catalogued and accepts offers.")
    var cataloguingDelay = 7200.0

    @Option(help: "OF01 import: sandbox seconds in WAITING.")
    var offerImportWaiting = 30.0

    @Option(help: "OF01 import: sandbox seconds in RUNNING before COMPLETE.")
    var offerImportRunning = 60.0

    @Option(help: "Sandbox seconds during which an identical OF01 returns the earlier import id.")
    var duplicateImportWindow = 3600.0

    @Option(help: "Sandbox seconds an order stays in STAGING before WAITING_ACCEPTANCE.")
    var stagingDelay = 60.0

    @Option(help: "Sandbox seconds after OR21 before payment moves the order to SHIPPING (negative = only via the admin API).")
    var paymentDelay = 300.0

    @Flag(help: "Do not enforce the per-operation maximum call frequencies (no 429).")
    var noRateLimits = false

    @Option(help: "Seed of every generated value (customers, generated orders, fault draws).")
    var seed: UInt64 = 1

    @Option(help: "Orders created at start-up, in WAITING_ACCEPTANCE.")
    var seedOrders = 0

    @Option(help: "Comma-separated shop SKUs (VTEX SKU ids) used by seeded orders and by the generator when no offer is active.")
    var seedOrderSkus = "1,2,3"

    @Option(help: "Orders generated per sandbox hour (0 = off; settable later via POST /_admin/generator).")
    var ordersPerHour = 0.0

    @Option(help: "Share (0-1) of generated orders bought by a company (a CNPJ).")
    var orderMixCorporate = 0.0

    @Option(help: "Share (0-1) of generated orders with taxes on top of the prices (TAX_EXCLUDED, 18 %).")
    var orderMixTaxes = 0.0

    @Option(help: "Share (0-1) of generated orders with an open incident.")
    var orderMixIncident = 0.0

    /// The generator's mix these options describe.
    var orderMix: OrderMix {
        OrderMix(corporate: orderMixCorporate, taxes: orderMixTaxes, incident: orderMixIncident)
    }

    @Option(help: "Fault: share (0-1) of Mirakl API calls answered 500.")
    var miraklFaultServerErrorRate = 0.0

    @Option(help: "Fault: real milliseconds added to every Mirakl API call.")
    var miraklFaultLatencyMs = 0

    @Option(help: "Fault: share (0-1) of Mirakl API calls that hang, then get 504.")
    var miraklFaultHangRate = 0.0

    @Option(help: "Fault: real milliseconds a hanging call is held.")
    var miraklFaultHangMs = 30_000

    @Option(name: .customLong("mirakl-fault-429-rate"), help: "Fault: share (0-1) of Mirakl API calls answered 429 with Retry-After.")
    var miraklFault429Rate = 0.0

    @Option(help: "Fault: share (0-1) of Mirakl API calls done but whose answer is lost (connection closed unanswered).")
    var miraklFaultLostResponseRate = 0.0

    @Option(name: .customLong("mirakl-fault-429-burst"), help: "Fault: the first N Mirakl API calls get 429.")
    var miraklFault429Burst = 0

    @Option(help: "Fault: a shop key answered 401 as revoked (repeatable).")
    var miraklRevokedKey: [String] = []

    /// The settings these options describe.
    func settings(environmentShopKey: String?) -> MiraklSettings {
        MiraklSettings(
            shopKey: shopKey ?? environmentShopKey ?? "sandbox-shop-key", shopId: shopId, shopName: shopName,
            productImportWaiting: .seconds(productImportWaiting), productImportRunning: .seconds(productImportRunning),
            productImportSent: .seconds(productImportSent), cataloguingDelay: .seconds(cataloguingDelay),
            offerImportWaiting: .seconds(offerImportWaiting), offerImportRunning: .seconds(offerImportRunning),
            duplicateImportWindow: .seconds(duplicateImportWindow), stagingDelay: .seconds(stagingDelay),
            paymentDelay: paymentDelay < 0 ? nil : .seconds(paymentDelay), rateLimitsEnabled: !noRateLimits,
            seed: seed, seedOrders: seedOrders,
            seedOrderSKUs: seedOrderSkus.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            generatorOrdersPerHour: ordersPerHour)
    }

    /// The fault plan these options describe.
    var faultPlan: FaultPlan {
        FaultPlan(
            serverErrorRate: miraklFaultServerErrorRate, latencyMilliseconds: miraklFaultLatencyMs,
            hangRate: miraklFaultHangRate, hangMilliseconds: miraklFaultHangMs,
            tooManyRequestsBurst: miraklFault429Burst, revokedKeys: miraklRevokedKey,
            tooManyRequestsRate: miraklFault429Rate, lostResponseRate: miraklFaultLostResponseRate)
    }

    mutating func validate() throws {
        let delays = [productImportWaiting, productImportRunning, productImportSent, cataloguingDelay,
                      offerImportWaiting, offerImportRunning, duplicateImportWindow, stagingDelay]
        guard delays.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ValidationError("Delays must be finite and ≥ 0 sandbox seconds.")
        }
        guard (0...65535).contains(miraklPort) else { throw ValidationError("--mirakl-port must be 0…65535.") }
        let shares = [miraklFaultServerErrorRate, miraklFaultHangRate, miraklFault429Rate, miraklFaultLostResponseRate]
        guard shares.allSatisfy((0...1).contains) else {
            throw ValidationError("Fault shares must be within 0…1.")
        }
        for share in [orderMixCorporate, orderMixTaxes, orderMixIncident] where !(0...1).contains(share) {
            throw ValidationError("--order-mix-* shares must be from 0 to 1.")
        }
        guard ordersPerHour >= 0, seedOrders >= 0 else { throw ValidationError("--orders-per-hour and --seed-orders must be ≥ 0.") }
    }
}
