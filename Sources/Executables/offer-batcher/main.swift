// offer-batcher: VTEX prices and stock to Carrefour's offers, in windows (README "Offers").
import CatalogFlow
import Connector
import OfferFlow
import WorkerRuntime

let app = WorkerApp.start(name: OfferFlow.workerName)
// The scheduled reconcile also looks for the SKUs Carrefour catalogued but holds no offer for.
let connector = app.connectorSettings()
try await app.run(OfferFlow.services(app) { http in
    CatalogHistory(connector: connector, http: http, logger: app.logger).cataloguedSKUs
})
