import ArgumentParser
import SandboxSupport
import SandboxVTEX

/// The fake VTEX's command-line settings (every `VTEXSandboxConfiguration` field, faults included).
struct VTEXOptions: ParsableArguments {
    @Option(help: "Port of the fake VTEX API (0 = any free port; the bound URL is printed).")
    var vtexPort = 0

    @Option(help: "VTEX account name (`an`) echoed in order-integration replies and SKU notifications.")
    var vtexAccount = "carrefoursandbox"

    @Option(help: ArgumentHelp("AppKey the fake VTEX expects in X-VTEX-API-AppKey (else env VTEX_APP_KEY).", valueName: "key"))
    var vtexAppKey: String?

    @Option(help: ArgumentHelp("AppToken the fake VTEX expects in X-VTEX-API-AppToken (else env VTEX_APP_TOKEN).", valueName: "token"))
    var vtexAppToken: String?

    @Option(help: "Affiliate id of the marketplace (three consonants); VTEX order ids are {affiliate}-{marketplace id}.")
    var vtexAffiliateId = "CRF"

    @Option(help: "Trade policy (sales channel) of the affiliate.")
    var vtexTradePolicy = 1

    @Option(help: "Seed of the VTEX catalog (names, prices, stock, EANs).")
    var vtexSeed: UInt64 = 42

    @Option(help: "Products seeded in the VTEX catalog (the first ten carry one defect each; see SandboxVTEX docs).")
    var vtexProducts = 20

    @Option(help: "Real milliseconds New Order Integration waits before processing a queued request.")
    var vtexProcessingDelayMs = 200

    @Option(help: "URL receiving affiliate SKU change notifications (the affiliate's searchURIEndpoint).")
    var vtexNotificationUrl: String?

    @Flag(help: "Send the affiliate a SKU notification when an order reserves, releases or removes stock (off: VTEX does not promise it).")
    var vtexNotifyOrderStock = false

    @Option(help: "Fault: share (0-1) of VTEX API calls answered 500.")
    var vtexFaultServerErrorRate = 0.0

    @Option(help: "Fault: real milliseconds added to every VTEX API call.")
    var vtexFaultLatencyMs = 0

    @Option(help: "Fault: share (0-1) of VTEX API calls that hang, then get 504.")
    var vtexFaultHangRate = 0.0

    @Option(help: "Fault: real milliseconds a hanging VTEX call is held.")
    var vtexFaultHangMs = 30_000

    @Option(name: .customLong("vtex-fault-429-rate"), help: "Fault: share (0-1) of VTEX API calls answered 429 with Retry-After.")
    var vtexFault429Rate = 0.0

    @Option(help: "Fault: share (0-1) of VTEX API calls done but whose answer is lost (connection closed unanswered).")
    var vtexFaultLostResponseRate = 0.0

    @Option(name: .customLong("vtex-fault-429-burst"), help: "Fault: the first N VTEX API calls get 429.")
    var vtexFault429Burst = 0

    @Option(help: "Fault: an AppKey or AppToken answered 401 as revoked (repeatable).")
    var vtexRevokedKey: [String] = []

    /// The configuration these options describe (credentials from the options, else the environment).
    func configuration(environment: [String: String]) -> VTEXSandboxConfiguration {
        var configuration = VTEXSandboxConfiguration()
        configuration.accountName = vtexAccount
        configuration.appKey = vtexAppKey ?? environment["VTEX_APP_KEY"] ?? configuration.appKey
        configuration.appToken = vtexAppToken ?? environment["VTEX_APP_TOKEN"] ?? configuration.appToken
        configuration.affiliateId = vtexAffiliateId
        configuration.tradePolicyId = vtexTradePolicy
        configuration.seed = vtexSeed
        configuration.productCount = vtexProducts
        configuration.processingDelay = .milliseconds(vtexProcessingDelayMs)
        configuration.affiliateNotificationURL = vtexNotificationUrl
        configuration.notifyOrderStockChanges = vtexNotifyOrderStock
        return configuration
    }

    /// The fault plan these options describe.
    var faultPlan: FaultPlan {
        FaultPlan(
            serverErrorRate: vtexFaultServerErrorRate, latencyMilliseconds: vtexFaultLatencyMs,
            hangRate: vtexFaultHangRate, hangMilliseconds: vtexFaultHangMs,
            tooManyRequestsBurst: vtexFault429Burst, revokedKeys: vtexRevokedKey,
            tooManyRequestsRate: vtexFault429Rate, lostResponseRate: vtexFaultLostResponseRate)
    }

    mutating func validate() throws {
        guard (0...65535).contains(vtexPort) else { throw ValidationError("--vtex-port must be 0…65535.") }
        guard vtexProducts >= 1 else { throw ValidationError("--vtex-products must be ≥ 1.") }
        guard vtexProcessingDelayMs >= 0 else { throw ValidationError("--vtex-processing-delay-ms must be ≥ 0.") }
        let shares = [vtexFaultServerErrorRate, vtexFaultHangRate, vtexFault429Rate, vtexFaultLostResponseRate]
        guard shares.allSatisfy((0...1).contains) else {
            throw ValidationError("VTEX fault shares must be within 0…1.")
        }
        let consonants = Set("BCDFGHJKLMNPQRSTVWXYZ")
        guard vtexAffiliateId.count == 3, vtexAffiliateId.allSatisfy(consonants.contains) else {
            throw ValidationError("--vtex-affiliate-id must be three upper-case consonants.")
        }
    }
}
