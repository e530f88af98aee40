public import WorkerRuntime

/// The invoice-tracker's own settings.
public struct InvoiceFlowSettings: Sendable {
    /// Where the tracker learns of VTEX order changes (reference/vtex-apis.md §8).
    public enum Source: String, Sendable, CaseIterable {
        /// Orders Feed v3, polled on `invoices.tick`.
        case feed
        /// The orders hook: VTEX posts to the ingress, which publishes `vtex.order.status`.
        case hook
    }

    /// `CARREFOUR_INVOICE_SOURCE` (`feed`, the default, or `hook`).
    public var source: Source
    /// `CARREFOUR_INVOICE_POLL_INTERVAL` (default 1m): the wait between two reads of an empty feed.
    public var pollInterval: Duration
    /// `CARREFOUR_INGRESS_PUBLIC_URL`: where VTEX posts the hook (required with `hook`).
    public var ingressURL: String?

    /// Reads and validates the settings.
    public init(from source: SettingsSource) throws(SettingsError) {
        let text = source.string("CARREFOUR_INVOICE_SOURCE") ?? Source.feed.rawValue
        guard let kind = Source(rawValue: text.lowercased()) else {
            throw SettingsError(setting: "CARREFOUR_INVOICE_SOURCE", problem: "must be feed or hook, not \(text)")
        }
        self.source = kind
        pollInterval = try source.duration("CARREFOUR_INVOICE_POLL_INTERVAL", default: .seconds(60), minimum: .milliseconds(100))
        var url = source.string("CARREFOUR_INGRESS_PUBLIC_URL")
        while url?.hasSuffix("/") == true { url?.removeLast() }
        if kind == .hook {
            guard let url, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw SettingsError(setting: "CARREFOUR_INGRESS_PUBLIC_URL", problem: "is required as an http(s) URL when CARREFOUR_INVOICE_SOURCE is hook")
            }
        }
        ingressURL = url
    }
}
