// The ingress: VTEX's pushes (SKU change notifications, order processing results, order hooks) become
// confirmed broker messages (ARCHITECTURE.md "Processes"). Add a route group by listing it below.
import Connector
import IngressServer
import WorkerRuntime

let app = WorkerApp.start(name: "ingress")
let settings = app.settings { source throws(SettingsError) in try IngressSettings(from: source) }
let publisher = IngressPublisher(publisher: app.makePublisher(), topology: app.topology, timeout: settings.publishTimeout)
let routes: [any IngressRoutes] = [
    CatalogNotificationRoutes(publisher: publisher, logger: app.logger),
    OrderRoutes(publisher: publisher, logger: app.logger),
]
try await app.run([
    TopologyDeclaration(configuration: app.amqp, topology: app.topology, logger: app.logger, maxDelay: app.settings.reconnectMaxDelay),
    IngressServer(settings: settings, routes: routes, logger: app.logger),
], switchable: false)
