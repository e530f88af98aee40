// offer-batcher: VTEX prices and stock to Carrefour's offers, in windows (issue 4; README "Offers").
import OfferFlow
import WorkerRuntime

let app = WorkerApp.start(name: OfferFlow.workerName)
try await app.run(OfferFlow.services(app))
