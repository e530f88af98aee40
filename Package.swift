// swift-tools-version: 6.1
// The Carrefour connector: a fleet of workers keeping a VTEX store and Carrefour's Mirakl
// marketplace in step over RabbitMQ. Layers, bottom up (a lower layer never imports a higher one):
//   C bridges (CRabbitMQ, CCurl) → AMQPLayer, HTTPLayer → MiraklAPI, VTEXAPI → IntegrationRules
//   → FleetContracts → WorkerRuntime → Connector → flows (CatalogFlow, OfferFlow, OrderFlow,
//   InvoiceFlow, ReprocessFlow, IngressServer) → thin executables (Sources/Executables).
import PackageDescription

/// One list of upcoming-feature flags for every Swift target (as swift-log and hummingbird do).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "carrefour-connector",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sandbox", targets: ["SandboxServer"]),
        .executable(name: "amqp-bench", targets: ["AMQPBench"]),
        .executable(name: "amqp-bench-c", targets: ["AMQPBenchC"]),
        .executable(name: "http-bench", targets: ["HTTPBench"]),
        .executable(name: "carrefourctl", targets: ["CarrefourCtl"]),
        .executable(name: "reprocessor", targets: ["ReprocessorMain"]),
        .executable(name: "order-importer", targets: ["OrderImporterMain"]),
        .executable(name: "invoice-tracker", targets: ["InvoiceTrackerMain"]),
        .executable(name: "ingress", targets: ["IngressMain"]),
        .executable(name: "catalog", targets: ["CatalogMain"]),
        .executable(name: "offer-batcher", targets: ["OfferBatcherMain"]),
        .executable(name: "offer-bench", targets: ["OfferBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Not the default "FullFoundation" trait: the workers link FoundationEssentials only (no ICU).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["ConfigurationSupport"]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: C bridges
        .systemLibrary(
            name: "CRabbitMQ", pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: System support (threads, locks, text helpers without Foundation's ICU-backed parts)
        .target(
            name: "SystemSupport",
            swiftSettings: swiftSettings),

        // MARK: AMQP and HTTP layers
        .target(
            name: "AMQPLayer",
            dependencies: ["CRabbitMQ", "SystemSupport"],
            swiftSettings: swiftSettings),
        .target(
            name: "HTTPLayer",
            dependencies: ["CCurl", "SystemSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),

        // MARK: Mirakl and VTEX clients
        .target(
            name: "MiraklAPI",
            dependencies: ["HTTPLayer", "SystemSupport"],
            swiftSettings: swiftSettings),
        .target(
            name: "VTEXAPI",
            dependencies: ["HTTPLayer", "SystemSupport"],
            swiftSettings: swiftSettings),

        // MARK: Integration rules (pure: no I/O)
        .target(
            name: "IntegrationRules",
            dependencies: ["SystemSupport"],
            swiftSettings: swiftSettings),

        // MARK: Fleet contracts (the messages between workers, one codec)
        .target(
            name: "FleetContracts",
            dependencies: ["AMQPLayer", "IntegrationRules"],
            swiftSettings: swiftSettings),

        // MARK: Worker runtime
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "AMQPLayer", "FleetContracts", "SystemSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),

        // MARK: The connector's settings and integration log (shared by every flow)
        .target(
            name: "Connector",
            dependencies: [
                "AMQPLayer", "HTTPLayer", "MiraklAPI", "VTEXAPI", "IntegrationRules", "FleetContracts", "WorkerRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),

        // MARK: Flows
        .target(
            name: "ReprocessFlow",
            dependencies: [
                "AMQPLayer", "HTTPLayer", "IntegrationRules", "OrderFlow", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "IngressServer",
            dependencies: [
                "AMQPLayer", "VTEXAPI", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "OrderFlow",
            dependencies: [
                "AMQPLayer", "MiraklAPI", "VTEXAPI", "IntegrationRules", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "InvoiceFlow",
            dependencies: [
                "AMQPLayer", "MiraklAPI", "VTEXAPI", "IntegrationRules", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "OfferFlow",
            dependencies: [
                "AMQPLayer", "MiraklAPI", "VTEXAPI", "IntegrationRules", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),

        .target(
            name: "CatalogFlow",
            dependencies: [
                "AMQPLayer", "IntegrationRules", "MiraklAPI", "VTEXAPI", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),

        // MARK: Thin executables
        .executableTarget(
            name: "ReprocessorMain",
            dependencies: ["ReprocessFlow", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/reprocessor",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "OrderImporterMain",
            dependencies: ["OrderFlow", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/order-importer",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "InvoiceTrackerMain",
            dependencies: ["InvoiceFlow", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/invoice-tracker",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "IngressMain",
            dependencies: ["IngressServer", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/ingress",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "CatalogMain",
            dependencies: ["CatalogFlow", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/catalog",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "OfferBatcherMain",
            dependencies: ["CatalogFlow", "OfferFlow", "WorkerRuntime", "Connector"],
            path: "Sources/Executables/offer-batcher",
            swiftSettings: swiftSettings),

        // MARK: Operator's tool
        .executableTarget(
            name: "CarrefourCtl",
            dependencies: [
                "AMQPLayer", "HTTPLayer", "IntegrationRules", "WorkerRuntime", "FleetContracts", "Connector", "OfferFlow", "CatalogFlow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // MARK: Sandbox (a local fake Mirakl + VTEX for the demo and the tests)
        .target(
            name: "SandboxSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "SandboxMirakl",
            dependencies: [
                "SandboxSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "SandboxVTEX",
            dependencies: [
                "SandboxSupport", "HTTPLayer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "SandboxServer",
            dependencies: [
                "SandboxSupport", "SandboxMirakl", "SandboxVTEX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),

        // MARK: Benchmarks
        .executableTarget(
            name: "AMQPBench",
            dependencies: ["AMQPLayer"],
            path: "Benchmarks/AMQPBench",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "AMQPBenchC",
            dependencies: ["CRabbitMQ"],
            path: "Benchmarks/AMQPBenchC"),
        .executableTarget(
            name: "HTTPBench",
            dependencies: [
                "HTTPLayer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/HTTPBench",
            swiftSettings: swiftSettings),

        .executableTarget(
            name: "OfferBench",
            dependencies: [
                "AMQPLayer", "IntegrationRules", "OfferFlow", "WorkerRuntime", "FleetContracts", "Connector",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/OfferBench",
            swiftSettings: swiftSettings),

        // MARK: Tests
        .target(
            name: "SandboxTestSupport",
            path: "Tests/SandboxTestSupport",
            swiftSettings: swiftSettings),
        .target(
            name: "ConnectorTestSupport",
            path: "Tests/ConnectorTestSupport",
            swiftSettings: swiftSettings),
        .target(
            name: "FlowTestSupport",
            dependencies: ["FleetContracts", "Connector", "ConnectorTestSupport", "AMQPLayer", "HTTPLayer", "IntegrationRules", "WorkerRuntime"],
            path: "Tests/FlowTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CatalogFlowTests",
            dependencies: ["FleetContracts", "Connector", "FlowTestSupport", "ConnectorTestSupport", "AMQPLayer", "IntegrationRules", "WorkerRuntime"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "IngressServerTests",
            dependencies: ["FleetContracts", "Connector", "FlowTestSupport", "ConnectorTestSupport", "AMQPLayer", "HTTPLayer", "WorkerRuntime"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AMQPLayerTests",
            dependencies: ["AMQPLayer", "ConnectorTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SystemSupportTests",
            dependencies: ["SystemSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "IntegrationRulesTests",
            dependencies: ["IntegrationRules"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "OfferFlowTests",
            dependencies: [
                "FleetContracts", "Connector", "OfferFlow", "WorkerRuntime", "AMQPLayer", "HTTPLayer", "IntegrationRules", "ConnectorTestSupport",
                "FlowTestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "WorkerRuntimeTests",
            dependencies: ["WorkerRuntime", "AMQPLayer", "FleetContracts", "HTTPLayer", "ConnectorTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ConnectorTests",
            dependencies: ["Connector", "WorkerRuntime", "HTTPLayer", "IntegrationRules", "MiraklAPI", "VTEXAPI"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CarrefourCtlTests",
            dependencies: [
                "FleetContracts", "Connector", "CarrefourCtl", "AMQPLayer", "HTTPLayer", "IntegrationRules", "WorkerRuntime", "ConnectorTestSupport",
                "FlowTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "OrderFlowTests",
            dependencies: [
                "FleetContracts", "Connector", "OrderFlow", "InvoiceFlow", "WorkerRuntime", "AMQPLayer", "HTTPLayer", "IntegrationRules", "MiraklAPI",
                "VTEXAPI", "ConnectorTestSupport", "FlowTestSupport", "SandboxTestSupport",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "InvoiceFlowTests",
            dependencies: [
                "FleetContracts", "Connector", "InvoiceFlow", "WorkerRuntime", "AMQPLayer", "HTTPLayer", "IntegrationRules", "MiraklAPI", "VTEXAPI",
                "ConnectorTestSupport", "FlowTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ReprocessFlowTests",
            dependencies: [
                "FleetContracts", "Connector", "ReprocessFlow", "WorkerRuntime", "AMQPLayer", "ConnectorTestSupport", "FlowTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "FleetContractsTests",
            dependencies: ["FleetContracts", "AMQPLayer", "IntegrationRules", "MiraklAPI", "ConnectorTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "FleetContractTests",
            dependencies: ["VTEXAPI", "MiraklAPI", "SandboxTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SandboxSupportTests",
            dependencies: ["SandboxSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SandboxMiraklTests",
            dependencies: [
                "SandboxMirakl", "SandboxSupport", "SandboxTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SandboxVTEXTests",
            dependencies: [
                "SandboxVTEX", "SandboxSupport", "SandboxTestSupport", "HTTPLayer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MiraklAPITests",
            dependencies: ["MiraklAPI", "HTTPLayer", "FlowTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VTEXAPITests",
            dependencies: ["VTEXAPI", "HTTPLayer", "FlowTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "HTTPLayerTests",
            dependencies: [
                "HTTPLayer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
    ]
)
