import ArgumentParser
import Foundation
import Logging
import SandboxMirakl
import SandboxSupport
import SandboxVTEX
import ServiceLifecycle

/// `sandbox`: a local fake Mirakl (and VTEX) on loopback for the connector's demo and tests.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local fake of Carrefour's Mirakl seller API (and VTEX) for demos and tests.",
        discussion: """
            Prints one JSON line on stdout once every server is bound, e.g.
            {"mirakl":"http://127.0.0.1:40123","startupMilliseconds":35.2,"vtex":"http://127.0.0.1:40124"}
            Admin API under /_admin on each server (state, calls, faults, orders, generator).
            Delays are in sandbox seconds; --time-scale compresses them (60 = one real second is a sandbox minute).
            """)

    @Option(help: "Interface every server binds to.")
    var host = "127.0.0.1"

    @Option(help: "Sandbox seconds per real second (≥ 1): compresses every delay and rate-limit window.")
    var timeScale = 1.0

    @Option(help: "Log level (trace, debug, info, notice, warning, error, critical).")
    var logLevel = "info"

    @OptionGroup(title: "Mirakl")
    var mirakl: MiraklOptions

    @OptionGroup(title: "VTEX")
    var vtex: VTEXOptions

    func validate() throws {
        guard timeScale >= 1, timeScale.isFinite else { throw ValidationError("--time-scale must be ≥ 1.") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown --log-level \(logLevel).") }
    }

    func run() async throws {
        var logger = Logger(label: "sandbox")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let clock = SandboxClock(timeScale: timeScale)
        var app = SandboxApp(logger: logger)

        let miraklSandbox = MiraklSandbox(
            settings: mirakl.settings(environmentShopKey: ProcessInfo.processInfo.environment["MIRAKL_SHOP_KEY"]),
            clock: clock)
        miraklSandbox.faults.setPlan(mirakl.faultPlan)
        app.addServer(name: "mirakl", router: miraklSandbox.makeRouter(), host: host, port: mirakl.miraklPort)
        app.addService(MiraklGeneratorService(sandbox: miraklSandbox, ordersPerHour: mirakl.ordersPerHour, mix: mirakl.orderMix))

        let vtexSandbox = VTEXSandbox(
            configuration: vtex.configuration(environment: ProcessInfo.processInfo.environment), clock: clock,
            logger: logger)
        vtexSandbox.faults.setPlan(vtex.faultPlan)
        app.addServer(name: "vtex", router: vtexSandbox.makeRouter(), host: host, port: vtex.vtexPort)
        for service in vtexSandbox.services { app.addService(service) }

        try await app.run()
    }
}

/// Runs the fake Mirakl's order generator for the life of the process.
struct MiraklGeneratorService: Service {
    let sandbox: MiraklSandbox
    let ordersPerHour: Double
    let mix: OrderMix

    func run() async throws {
        await sandbox.startGenerator(ordersPerHour: ordersPerHour, mix: mix)
        try? await gracefulShutdown()
        await sandbox.stopGenerator()
    }
}
