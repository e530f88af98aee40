// The reprocessor: runs operators' reprocess requests as series of at most
// CARREFOUR_REPROCESS_ATTEMPTS attempts within CARREFOUR_REPROCESS_WINDOW (README "Reprocessing").
import ReprocessFlow
import WorkerRuntime

let app = WorkerApp.start(name: "reprocessor")
let publisher = app.makePublisher()
let services = app.settings { _ throws(SettingsError) in try Reprocessor.services(app: app, publisher: publisher) }
try await app.run(services)
await publisher.close()
