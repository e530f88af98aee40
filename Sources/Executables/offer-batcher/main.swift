// offer-batcher: VTEX prices and stock to Carrefour's offers, in windows (README "Offers").
import CatalogFlow
import OfferFlow
import WorkerRuntime

let app = WorkerApp.start(name: OfferFlow.workerName)
// The scheduled reconcile also looks for the SKUs Carrefour catalogued but holds no offer for.
let connector = app.connectorSettings()
let history = CatalogHistory(connector: connector, http: app.makeHTTPClient(timeout: connector.mirakl.timeout), logger: app.logger)
try await app.run(OfferFlow.services(app, catalogued: history.cataloguedSKUs))
