import FlowTestSupport
import Foundation
import HTTPLayer
import VTEXAPI

/// One sandbox for one test, with clients for its VTEX and plain HTTP for its admin API.
struct VTEXSandbox {
    let sandbox: SandboxProcess
    let http: HTTPClient

    /// Starts a sandbox (a sandbox minute per real second), runs `test`, stops it whatever happens.
    static func run(_ test: (VTEXSandbox) async throws -> Void) async throws {
        try await SandboxProcess.withSandbox(timeScale: 60) { sandbox, http in try await test(VTEXSandbox(sandbox: sandbox, http: http)) }
    }

    /// A client of the sandbox's VTEX with the app key and `token` (the one it expects unless told).
    func client(token: String = SandboxProcess.appToken) -> VTEXClient {
        VTEXClient(
            configuration: VTEXConfiguration(baseURL: sandbox.vtexURL, appKey: SandboxProcess.appKey, appToken: token),
            http: http)
    }

    /// Sets the VTEX side's fault plan (`FaultPlan`'s fields; missing ones mean no fault).
    func setFaults(_ plan: [String: Any]) async throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        let (status, _) = try await sandbox.admin(.put, .vtex, "/faults", json: body)
        guard status == 200 else { throw TestVhost.Failure("PUT /_admin/faults: \(status)") }
    }

    /// The sandbox's catalog as its admin API shows it: the affiliate's trade policy and every SKU
    /// with its product, inventory, and the unit price a simulation on that policy gives.
    func catalog() async throws -> (tradePolicy: Int, skus: [[String: Any]]) {
        let object = try await sandbox.adminObject(.vtex, "/catalog")
        guard let policy = object["tradePolicyId"] as? Int, let skus = object["skus"] as? [[String: Any]], !skus.isEmpty else {
            throw TestVhost.Failure("GET /_admin/catalog: no trade policy or no SKUs")
        }
        return (policy, skus)
    }
}
