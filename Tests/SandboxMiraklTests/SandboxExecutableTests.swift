import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The `sandbox` executable as scripts use it: start-up line, `--help`, graceful stop.
@Suite("sandbox executable")
struct SandboxExecutableTests {
    /// The `sandbox` binary built beside the test bundle (`swift test` builds every product).
    static func binary() throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("sandbox") }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "sandbox binary not found near \(directory.path)")
    }

    /// Reads one line from a pipe off the cooperative pool, or nil after `timeout`.
    static func firstLine(of pipe: Pipe, timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                let deadline = ContinuousClock.now + timeout
                while ContinuousClock.now < deadline {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    bytes.append(contentsOf: chunk)
                    if let newline = bytes.firstIndex(of: 10) {
                        continuation.resume(returning: String(decoding: bytes[..<newline], as: UTF8.self))
                        return
                    }
                }
                continuation.resume(returning: nil)
            }
        }
    }

    @Test("prints its bound URL as one JSON line within 2 s, serves OR11, stops cleanly on SIGTERM")
    func startsServesAndStops() async throws {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["--seed-orders", "2", "--shop-key", "exec-key", "--time-scale", "60", "--log-level", "error"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        let started = ContinuousClock.now
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let line = try #require(await Self.firstLine(of: stdout, timeout: .seconds(10)))
        #expect(ContinuousClock.now - started < .seconds(2))
        let info = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let address = try #require(info["mirakl"] as? String)
        let url = try #require(URL(string: address))
        #expect(url.host == "127.0.0.1")
        let port = try #require(url.port)

        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let orders = try await client.get("/api/orders", headers: [.authorization: "exec-key"])
            #expect(orders.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data((orders.body ?? ByteBuffer()).readableBytesView)) as? [String: Any]
            #expect(body?["total_count"] as? Int == 2)
            #expect(try await client.get("/api/orders").status == .unauthorized)
        }

        process.terminate()  // SIGTERM → graceful shutdown
        var status: Int32?
        for await code in exited.stream {
            status = code
            break
        }
        #expect(status == 0)
    }

    @Test("--help documents every setting")
    func helpListsEverySetting() async throws {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["--help"]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let help = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let settings = [
            "--host", "--time-scale", "--log-level", "--mirakl-port", "--shop-key", "--shop-id", "--shop-name",
            "--product-import-waiting", "--product-import-running", "--product-import-sent", "--cataloguing-delay",
            "--offer-import-waiting", "--offer-import-running", "--duplicate-import-window", "--staging-delay",
            "--payment-delay", "--no-rate-limits", "--seed", "--seed-orders", "--seed-order-skus", "--orders-per-hour",
            "--mirakl-fault-server-error-rate", "--mirakl-fault-latency-ms", "--mirakl-fault-hang-rate",
            "--mirakl-fault-hang-ms", "--mirakl-fault-429-burst", "--mirakl-revoked-key",
        ]
        for setting in settings {
            #expect(help.contains(setting + " ") || help.contains(setting + "\n"), "\(setting) missing from --help")
        }
    }
}
