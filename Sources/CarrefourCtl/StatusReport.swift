import Foundation
import IntegrationRules

/// What `carrefourctl status` shows: each flow's latest success and failure, each worker's
/// queues and whether something consumes them, the parked messages and their top reasons, and
/// the verdict. Built only from what the broker holds (the integration log, the management API).
struct StatusReport: Codable, Sendable {
    /// One worker's queues as the broker sees them.
    struct Worker: Codable, Sendable {
        var name: String
        var queues: [QueueRow]
        /// Whether its work queue (the first the topology lists) has a consumer: a worker that is
        /// down, or paused by refused credentials (it closes its session while paused), has none.
        var consuming: Bool
        /// Its latest entry in the log is a refused key or the integration switched off.
        var pause: WorkerPause?
    }

    /// One parked queue.
    struct Parked: Codable, Sendable {
        struct Reason: Codable, Sendable {
            var reason: String
            var count: Int
        }

        var queue: String
        var count: Int
        /// The most frequent reasons among the messages read (at most ``StatusCommand/parkedSample``).
        var topReasons: [Reason]
    }

    var at: Date
    /// The look-back of the flows' activity, in seconds.
    var lookBackSeconds: Int
    var flows: [FlowActivity]
    var workers: [Worker]
    var parked: [Parked]
    /// Why the verdict is not "ok"; empty when it is.
    var problems: [String]

    var healthy: Bool { problems.isEmpty }

    /// The problems: a paused worker, a worker with no consumer on its work queue, a flow whose
    /// last success is older than `maximumAge` (or that only failed), when a maximum age is given.
    static func problems(workers: [Worker], flows: [FlowActivity], maximumAge: TimeInterval?, now: Date) -> [String] {
        var problems = workers.compactMap { worker in
            worker.pause.map { "\(worker.name): paused since \(Self.age(now.timeIntervalSince($0.since))) ago: \($0.reason)" }
        }
        problems += workers.filter { !$0.consuming && $0.pause == nil }.map {
            "\($0.name): nothing consumes \($0.queues.first?.name ?? "its queue") (down, or paused by a refused key: see its errors)"
        }
        if let maximumAge {
            problems += flows.filter { $0.flow != .other && $0.isStale(maximumAge: maximumAge, now: now) }.map {
                "\($0.flow.rawValue): no success within \(Self.age(maximumAge))"
            }
        }
        return problems
    }

    /// The report as text, for a terminal.
    func text() -> String {
        var lines = ["FLOWS (last \(Self.age(TimeInterval(lookBackSeconds))))"]
        let flowRows = flows.map { activity in
            [
                activity.flow.rawValue,
                activity.lastSuccess.map { "\(Self.age(at.timeIntervalSince($0.at))) ago" } ?? "-",
                activity.lastFailure.map { "\(Self.age(at.timeIntervalSince($0.at))) ago: \(Self.short($0.message))" } ?? "-",
                String(activity.errors), String(activity.alerts),
            ]
        }
        lines += Self.table(["FLOW", "LAST SUCCESS", "LAST ERROR OR ALERT", "ERRORS", "ALERTS"], flowRows)
        if flows.isEmpty { lines.append("  (no entry in the integration log)") }
        lines.append("")
        lines.append("WORKERS")
        let queueRows = workers.flatMap { worker in
            worker.queues.enumerated().map { index, queue in
                [
                    index == 0 ? worker.name : "", queue.name, String(queue.ready), String(queue.unacknowledged),
                    String(queue.consumers), index == 0 ? Self.state(of: worker) : "",
                ]
            }
        }
        lines += Self.table(["WORKER", "QUEUE", "READY", "UNACKED", "CONSUMERS", "STATE"], queueRows)
        lines.append("")
        lines.append("PARKED")
        let parkedRows = parked.map { queue in
            [queue.queue, String(queue.count), queue.topReasons.map { "\($0.count)× \(Self.short($0.reason))" }.joined(separator: "; ")]
        }
        lines += Self.table(["QUEUE", "MESSAGES", "TOP REASONS"], parkedRows)
        lines.append("")
        lines.append(healthy ? "OK" : "ATTENTION:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
        return lines.joined(separator: "\n")
    }

    private static func state(of worker: Worker) -> String {
        if worker.pause != nil { return "PAUSED" }
        return worker.consuming ? "consuming" : "NOT CONSUMING"
    }

    /// A duration as an operator reads it: 45s, 12m, 3h, 2d.
    static func age(_ seconds: TimeInterval) -> String {
        let whole = max(0, Int(seconds.rounded()))
        switch whole {
        case ..<120: return "\(whole)s"
        case ..<7200: return "\(whole / 60)m"
        case ..<172_800: return "\(whole / 3600)h"
        default: return "\(whole / 86400)d"
        }
    }

    private static func short(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count <= 70 ? line : String(line.prefix(69)) + "…"
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let cells = [header] + rows
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
