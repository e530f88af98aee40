import ArgumentParser
import Foundation

/// `carrefourctl queues`: ready, unacknowledged and consumers per queue.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Show ready, unacknowledged and consumers per queue.")
    @OptionGroup var options: GlobalOptions

    @Flag(help: "Refresh in place until Ctrl-C.")
    var watch = false

    @Option(help: "Refresh interval with --watch (e.g. 500ms, 2s, 1m).")
    var interval = Interval(seconds: 2)

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() async throws {
        let api = try options.management()
        let period = interval.duration
        repeat {
            let rows = try await api.get(
                "queues/\(api.encodedVhost)?columns=name,type,messages,messages_ready,messages_unacknowledged,consumers",
                as: [APIQueueRow].self
            ).map(\.row).sorted { $0.name < $1.name }
            let text = json ? try Self.json(rows) : Self.table(rows)
            if watch { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            print(text)
            if watch { try await Task.sleep(for: period) }
        } while watch
    }

    static func json(_ rows: [QueueRow]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    static func table(_ rows: [QueueRow]) -> String {
        let header = ["QUEUE", "TYPE", "READY", "UNACKED", "CONSUMERS"]
        let cells = [header] + rows.map { [$0.name, $0.type, String($0.ready), String($0.unacknowledged), String($0.consumers)] }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == 1 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
