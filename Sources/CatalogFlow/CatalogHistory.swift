public import Connector
public import HTTPLayer
public import Logging
import MiraklAPI
public import WorkerRuntime

/// Which SKUs Carrefour holds as catalogued, read from Mirakl's product-import history as the
/// catalog worker reads it (``CatalogIndex``: P51, then P44 and P45 of each finished import), for
/// the reconcile's "catalogued in Carrefour with no offer" (README "Offers").
///
/// P51 is called at most once a minute on the fleet's clock (reference/mirakl-api.md §1), so a
/// shop with many pages of imports takes a minute per page; P44/P45 are read once per import.
public struct CatalogHistory: Sendable {
    private let index: CatalogIndex

    /// A reader with its own Mirakl client on `http`.
    public init(connector: ConnectorSettings, http: HTTPClient, logger: Logger) {
        let minute = connector.miraklMinimum(.seconds(60))
        index = CatalogIndex(
            mirakl: MiraklClient(configuration: connector.mirakl, http: http), callGap: minute, refreshInterval: minute,
            logger: logger)
    }

    /// The SKUs Carrefour integrated into its catalog (P45 names them, or P44 says "already
    /// catalogued") and did not delete since.
    public func cataloguedSKUs() async throws(WorkFailure) -> Set<String> {
        try await index.integratedSKUs()
    }
}
