import Connector
import InvoiceFlow
import WorkerRuntime

let app = WorkerApp.start(name: InvoiceTracker.name)
try await app.run(InvoiceTracker.services(app: app))
