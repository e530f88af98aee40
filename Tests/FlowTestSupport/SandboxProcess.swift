public import ConnectorTestSupport
public import Foundation
public import HTTPLayer

/// The `sandbox` executable run by a test: its Mirakl and VTEX URLs (from its start-up line),
/// the credentials it expects, and its admin API.
public final class SandboxProcess: Sendable {
    public static let shopKey = "flow-test-shop-key"
    public static let appKey = "flow-test-app-key"
    public static let appToken = "flow-test-app-token"

    /// The running process.
    public let process: RunningProcess
    /// The fake Mirakl's base URL.
    public let miraklURL: String
    /// The fake VTEX's base URL.
    public let vtexURL: String
    /// Sandbox seconds per real second.
    public let timeScale: Double
    private let http = HTTPClient()

    /// Starts a sandbox on free ports with the test credentials, `timeScale` and `arguments`.
    public static func start(timeScale: Double, _ arguments: [String] = []) async throws -> SandboxProcess {
        let process = try RunningProcess(
            Subprocess.builtProduct("sandbox"),
            ["--time-scale", String(timeScale), "--log-level", "warning", "--shop-key", shopKey,
             "--vtex-app-key", appKey, "--vtex-app-token", appToken] + arguments)
        guard let line = await process.waitForLine(containing: "\"mirakl\"", inOutput: true, timeout: .seconds(30)),
              let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let mirakl = object["mirakl"] as? String, let vtex = object["vtex"] as? String
        else {
            await process.crash()
            throw TestVhost.Failure("the sandbox did not start: \(process.standardError.suffix(2000))")
        }
        return SandboxProcess(process: process, miraklURL: mirakl, vtexURL: vtex, timeScale: timeScale)
    }

    private init(process: RunningProcess, miraklURL: String, vtexURL: String, timeScale: Double) {
        self.process = process
        self.miraklURL = miraklURL
        self.vtexURL = vtexURL
        self.timeScale = timeScale
    }

    /// The connector settings that point a worker at this sandbox.
    public var connectorEnvironment: [String: String] {
        [
            "CARREFOUR_MIRAKL_URL": miraklURL, "CARREFOUR_MIRAKL_API_KEY": Self.shopKey,
            "CARREFOUR_VTEX_URL": vtexURL, "CARREFOUR_VTEX_APP_KEY": Self.appKey,
            "CARREFOUR_VTEX_APP_TOKEN": Self.appToken, "CARREFOUR_SLA_NORMAL": "Normal",
        ]
    }

    /// Which side of the sandbox an admin call goes to.
    public enum Side: Sendable { case mirakl, vtex }

    /// Calls the admin API (`/_admin/…`) and returns the status and the decoded JSON body.
    @discardableResult
    public func admin(_ method: HTTPMethod, _ side: Side, _ path: String, json: String? = nil) async throws -> (status: Int, body: Any?) {
        let base = side == .mirakl ? miraklURL : vtexURL
        let response = try await http.execute(HTTPRequest(
            method: method, url: base + "/_admin" + path,
            body: json.map { HTTPBody.text($0, contentType: "application/json") }))
        return (response.status, try? JSONSerialization.jsonObject(with: Data(response.body)))
    }

    /// The admin object at `path` (a JSON object), or a failure.
    public func adminObject(_ side: Side, _ path: String) async throws -> [String: Any] {
        let (status, body) = try await admin(.get, side, path)
        guard status == 200, let object = body as? [String: Any] else { throw TestVhost.Failure("GET \(path): \(status)") }
        return object
    }

    /// The admin resource at `path` decoded as `T` (dates as ISO 8601), or a failure.
    public func adminValue<T: Decodable>(_ side: Side, _ path: String, as type: T.Type) async throws -> T {
        let base = side == .mirakl ? miraklURL : vtexURL
        let response = try await http.execute(HTTPRequest(url: base + "/_admin" + path))
        guard response.isSuccess else { throw TestVhost.Failure("GET \(path): \(response.status) \(response.text)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body))
    }

    /// Sends `request` with the sandbox's own client (an API call a test makes as the connector would).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await http.execute(request)
    }

    /// The sandbox's date: the fake Mirakl's `now`, on the compressed clock it shares with VTEX.
    public func now() async throws -> Date {
        struct Now: Decodable { var now: Date }
        return try await adminValue(.mirakl, "/state", as: Now.self).now
    }

    /// Waits on the sandbox's own clock until `interval` of fleet time (real seconds of the
    /// workers' settings: `interval × timeScale` sandbox seconds) has passed since the sandbox date
    /// `from`. For "nothing happened" checks: the moment is read on the clock the sandbox and the
    /// workers share, not guessed as a sleep. False when `timeout` (real) passes first.
    public func waitOnClock(_ interval: Duration, after from: Date, timeout: Duration = .seconds(120)) async throws -> Bool {
        let parts = interval.components
        let due = from.addingTimeInterval((Double(parts.seconds) + Double(parts.attoseconds) / 1e18) * timeScale)
        let deadline = ContinuousClock.now + timeout
        while try await now() < due {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return true
    }

    /// The fake Mirakl's call counts per operation.
    public func miraklCalls() async throws -> [String: Int] {
        (try await adminObject(.mirakl, "/calls")["calls"] as? [String: Int]) ?? [:]
    }

    /// Stops it (SIGTERM) and the admin client.
    public func stop() async {
        await process.stop()
        await http.shutdown()
    }
}

extension SandboxProcess {
    /// Starts a sandbox and an HTTP client, runs `body` with them, then shuts both down whatever
    /// `body` did.
    public static func withSandbox(
        timeScale: Double, _ arguments: [String] = [], _ body: (SandboxProcess, HTTPClient) async throws -> Void
    ) async throws {
        let sandbox = try await start(timeScale: timeScale, arguments)
        let http = HTTPClient()
        do {
            try await body(sandbox, http)
        } catch {
            await http.shutdown()
            await sandbox.stop()
            throw error
        }
        await http.shutdown()
        await sandbox.stop()
    }
}
