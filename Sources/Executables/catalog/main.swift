// The catalog worker: VTEX's SKUs to Carrefour's catalog (P41), outcomes to the integration log,
// catalogued SKUs to the offer flow (README "Catalog and ingress").
import CatalogFlow
import Connector
import WorkerRuntime

let app = WorkerApp.start(name: "catalog")
try await app.run(CatalogWorker.services(app: app))
