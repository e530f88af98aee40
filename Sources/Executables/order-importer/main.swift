import Connector
import OrderFlow
import WorkerRuntime

let app = WorkerApp.start(name: OrderImporter.name)
try await app.run(OrderImporter.services(app: app))
