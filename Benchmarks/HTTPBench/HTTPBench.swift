// Measures the HTTP layer against a local Hummingbird server on 127.0.0.1: sequential keep-alive
// latency, concurrent throughput under the per-host connection cap, and multipart upload speed.
// Usage: swift run -c release HTTPBench [requests]   (default 2000)
// Hummingbird re-exports HTTPTypes' HTTPRequest, so this file spells `HTTPLayer.HTTPRequest`.
import Foundation
import HTTPLayer
import Hummingbird
import Logging
import NIOCore

@main
struct HTTPBench {
    static func main() async throws {
        let requests = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2_000
        let router = Router()
        router.get("hello") { _, _ in "hello" }
        router.post("sink") { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
            return "\(body.readableBytes)"
        }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var serverLogger = Logger(label: "bench-server")
        serverLogger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: serverLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                print("the local server did not start")
                group.cancelAll()
                return
            }
            try await run(base: "http://127.0.0.1:\(port)", requests: requests)
            group.cancelAll()
        }
    }

    static func run(base: String, requests: Int) async throws {
        let client = HTTPClient()
        _ = try await client.execute(HTTPLayer.HTTPRequest(url: base + "/hello"))  // warm-up, opens the connection

        // 1. Sequential GETs on one kept-alive connection.
        var latencies: [Duration] = []
        latencies.reserveCapacity(requests)
        var opened = 0
        let sequentialStart = ContinuousClock.now
        for _ in 0..<requests {
            let start = ContinuousClock.now
            let response = try await client.execute(HTTPLayer.HTTPRequest(url: base + "/hello"))
            latencies.append(ContinuousClock.now - start)
            opened += response.newConnections
        }
        let sequential = ContinuousClock.now - sequentialStart
        latencies.sort()
        print(
            "sequential GET: \(requests) in \(format(sequential)) = \(rate(requests, sequential)) req/s, "
                + "p50 \(format(latencies[latencies.count / 2])), p99 \(format(latencies[latencies.count * 99 / 100])), "
                + "new connections \(opened)")

        // 2. Concurrent GETs from 16 tasks, at most 8 connections (the default cap).
        let tasks = 16
        let perTask = max(1, requests / tasks)
        let concurrentStart = ContinuousClock.now
        let concurrentOpened = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    var opened = 0
                    for _ in 0..<perTask {
                        opened += try await client.execute(HTTPLayer.HTTPRequest(url: base + "/hello")).newConnections
                    }
                    return opened
                }
            }
            return try await group.reduce(0, +)
        }
        let concurrent = ContinuousClock.now - concurrentStart
        print(
            "concurrent GET: \(tasks) tasks x \(perTask) in \(format(concurrent)) = "
                + "\(rate(tasks * perTask, concurrent)) req/s, new connections \(concurrentOpened)")

        // 3. Multipart uploads of 1 MiB files.
        let file = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) }
        let uploads = 20
        let uploadStart = ContinuousClock.now
        for _ in 0..<uploads {
            let form = MultipartForm(parts: [
                .init(name: "file", filename: "offers.csv", contentType: "text/csv", data: file),
                .text(name: "import_mode", value: "NORMAL"),
            ])
            let response = try await client.execute(HTTPLayer.HTTPRequest(method: .post, url: base + "/sink", body: .multipart(form)))
            guard response.status == 200 else { throw BenchError.unexpectedStatus(response.status) }
        }
        let upload = ContinuousClock.now - uploadStart
        let megabytes = Double(uploads * file.count) / 1_048_576
        print("multipart upload: \(uploads) x 1 MiB in \(format(upload)) = \(String(format: "%.0f", megabytes / seconds(upload))) MiB/s")
        await client.shutdown()
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    static func format(_ duration: Duration) -> String {
        let value = seconds(duration)
        return value < 1 ? String(format: "%.3f ms", value * 1_000) : String(format: "%.2f s", value)
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        String(format: "%.0f", Double(count) / seconds(duration))
    }
}

/// A benchmark step saw something other than success.
enum BenchError: Error, CustomStringConvertible {
    case unexpectedStatus(Int)

    var description: String {
        switch self {
        case .unexpectedStatus(let status): "unexpected HTTP status \(status)"
        }
    }
}
