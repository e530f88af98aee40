// offer-batcher: VTEX prices and stock to Carrefour's offers, in windows (README "Offers").
import OfferFlow
import WorkerRuntime

let app = WorkerApp.start(name: OfferFlow.workerName)
try await app.run(OfferFlow.services(app))
