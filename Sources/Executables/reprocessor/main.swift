// The reprocessor: runs operators' reprocess requests as series of at most
// CARREFOUR_REPROCESS_ATTEMPTS attempts within CARREFOUR_REPROCESS_WINDOW (README "The integration
// log and reprocessing").
import Connector
import ReprocessFlow
import WorkerRuntime

let app = WorkerApp.start(name: Reprocessor.name)
let publisher = app.makePublisher()
try await app.run(Reprocessor.services(app: app, publisher: publisher))
await publisher.close()
