import AMQPLayer
import ArgumentParser
import Connector
import FleetContracts
import Foundation
import CatalogFlow
import HTTPLayer
import IntegrationRules
import Logging
import OfferFlow
import WorkerRuntime

/// `carrefourctl reconcile [--fix [--follow]] [--json] [--sku ID]`: every Carrefour offer against
/// what VTEX can sell now (``OfferReconciler``), and every SKU Carrefour catalogued with no offer
/// (``CatalogHistory``). Exit 0 when nothing drifted, 1 when something did (fixed or not), 2 on
/// an error (an offer of Carrefour's listing that cannot be read is one: it is named, logged as
/// an Error, and nothing is fixed for it; so is a check that could not be made, such as the
/// catalogued SKUs when Mirakl's import history cannot be read).
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare every Carrefour offer with what VTEX can sell; report (and fix) the drifts.",
        discussion: """
            Reads the connector settings (CARREFOUR_MIRAKL_URL, CARREFOUR_VTEX_URL, their keys, \
            CARREFOUR_TRADE_POLICY…). Each drifted SKU is printed and logged as an Alert in the \
            integration log. Exit status: 0 no drift, 1 drift found (fixed or not), 2 error.
            """)
    @OptionGroup var options: GlobalOptions

    @Flag(help: "Publish an offer.refresh for every drifted SKU.")
    var fix = false

    @Flag(help: "With --fix: wait until Carrefour accepted the offer file that carries every fixed SKU.")
    var follow = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: "Check only this SKU.")
    var sku: String?

    @Option(help: "With --follow: give up waiting after this long (default 20m).")
    var timeout: SinceArgument?

    func run() async throws {
        do {
            let drifted = try await reconcile()
            if drifted { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Runs the comparison; true when something drifted.
    private func reconcile() async throws -> Bool {
        let connector = try ConnectorSettings(from: try SettingsSource.process())
        let topology = try options.topology()
        var logger = Logger(label: "carrefourctl")
        logger.logLevel = .error
        let publisher = ReliablePublisher(configuration: try options.amqpConfiguration(), logger: logger)
        let http = HTTPClient(configuration: .init(), logger: logger)
        do {
            let history = CatalogHistory(connector: connector, http: http, logger: logger)
            let drifted = try await reconcile(
                OfferReconciler(
                    connector: connector, http: http, publisher: publisher, topology: topology, logger: logger,
                    catalogued: history.cataloguedSKUs),
                topology: topology)
            await http.shutdown()
            await publisher.close()
            return drifted
        } catch {
            await http.shutdown()
            await publisher.close()
            throw error
        }
    }

    private func reconcile(_ reconciler: OfferReconciler, topology: Topology) async throws -> Bool {
        let runId = "\(Int64(Date().timeIntervalSince1970 * 1000))"
        let report = try await reconciler.run(sku: sku)
        try await reconciler.alert(report, runId: runId)
        let started = Date()
        if fix { try await reconciler.refresh(report.drifted.map(\.sku), runId: runId) }
        print(json ? Self.json(report, fixed: fix) : Self.text(report, fixed: fix))
        if let first = report.unreadable.first {
            throw CtlError.noOutcome("\(report.unreadable.count) offer(s) of Carrefour's listing cannot be read, e.g. \(first.text)")
        }
        if let skipped = report.catalogueSkipped {
            throw CtlError.noOutcome("catalogued SKUs without an offer could not be looked for: \(skipped)")
        }
        if !report.unchecked.isEmpty {
            throw CtlError.noOutcome("\(report.unchecked.count) SKU(s) could not be checked, e.g. "
                + (report.unchecked.sorted { $0.key < $1.key }.first.map { "\($0.key): \($0.value)" } ?? ""))
        }
        if fix, follow, !report.drifted.isEmpty {
            try await followFixes(Set(report.drifted.map(\.sku)), since: started, topology: topology)
        }
        return !report.drifted.isEmpty
    }

    /// Prints each fixed SKU's import outcome as the offer-batcher logs it, until every one has one.
    private func followFixes(_ skus: Set<String>, since: Date, topology: Topology) async throws {
        let reader = IntegrationLogReader(topology: topology)
        let limit = timeout?.duration ?? .seconds(20 * 60)
        let waiting = try await options.withConnection { connection in
            var waiting = skus
            try await reader.read(connection, from: .since(since.addingTimeInterval(-1)), idleLimit: limit) { event, _ in
                guard let event else { return !waiting.isEmpty }
                guard event.entity == .offer, waiting.contains(event.entityId), event.at >= since,
                      event.status == .success || event.status == .error, event.operationId.hasPrefix("OF01:") else { return true }
                print(LogCommand.textLine(event))
                waiting.remove(event.entityId)
                return !waiting.isEmpty
            }
            return waiting
        }
        guard waiting.isEmpty else {
            throw CtlError.noOutcome("no offer import outcome for \(waiting.sorted().prefix(10).joined(separator: ", ")) within \(SettingsSource.format(limit))")
        }
    }

    static func text(_ report: OfferReconciler.Report, fixed: Bool) -> String {
        var lines = report.drifted.map { "SKU \($0.sku): " + $0.drifts.map(\.text).joined(separator: "; ") }
        lines += report.unreadable.map { "error: " + $0.text }
        if let skipped = report.catalogueSkipped { lines.append("catalogued SKUs without an offer not looked for: \(skipped)") }
        let withoutOffer = report.withoutOffer > 0 ? ", \(report.withoutOffer) catalogued SKU(s) without an offer checked" : ""
        lines.append("\(report.checked) offer(s) checked\(withoutOffer), \(report.drifted.count) drifted" + (fixed ? ", \(report.drifted.count) refresh(es) sent" : ""))
        return lines.joined(separator: "\n")
    }

    static func json(_ report: OfferReconciler.Report, fixed: Bool) -> String {
        let drifts: [[String: Any]] = report.drifted.map { drifted in
            ["sku": drifted.sku, "drifts": drifted.drifts.map { drift -> [String: Any] in
                switch drift {
                case .quantity(let carrefour, let vtex): ["kind": drift.kind, "carrefour": carrefour, "vtex": vtex]
                case .price(let carrefour, let vtex): ["kind": drift.kind, "carrefourCents": carrefour, "vtexCents": vtex]
                case .activeButNotSellable(let reason): ["kind": drift.kind, "reason": reason]
                case .cataloguedWithoutOffer(let quantity, let cents): ["kind": drift.kind, "vtex": quantity, "vtexCents": cents]
                }
            }]
        }
        var object: [String: Any] = [
            "checked": report.checked, "withoutOffer": report.withoutOffer, "drifted": report.drifted.count, "fixed": fixed ? report.drifted.count : 0,
            "drifts": drifts, "unchecked": report.unchecked,
            "unreadable": report.unreadable.map { ["position": $0.position, "sku": $0.sku ?? NSNull(), "reason": $0.reason] as [String: Any] },
        ]
        if let skipped = report.catalogueSkipped { object["catalogueSkipped"] = skipped }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
