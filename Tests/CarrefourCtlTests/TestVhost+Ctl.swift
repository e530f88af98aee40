import ConnectorTestSupport
import FlowTestSupport

extension TestVhost {
    /// Runs `carrefourctl` against this vhost with the repository's topology.json.
    func ctl(_ arguments: String...) async throws -> Subprocess.Result {
        try await Subprocess.run(
            Subprocess.builtProduct("carrefourctl"), arguments,
            environment: [
                "CARREFOUR_AMQP_URL": amqpURL, "CARREFOUR_MANAGEMENT_URL": managementURL,
                "CARREFOUR_TOPOLOGY": Self.topologyPath,
            ])
    }
}
