import ArgumentParser
import CatalogFlow
import Connector
import Foundation
import HTTPLayer
import Logging
import MiraklAPI
import WorkerRuntime

/// `carrefourctl catalog check-maps`: the store's category and attribute maps against Carrefour's
/// own lists (H11 categories, PM11 attributes; reference/mirakl-api.md §2), as the catalog worker
/// checks them at start.
struct CatalogCheckMapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-maps",
        abstract: "Check the category and attribute maps against Carrefour's categories (H11) and attributes (PM11).",
        discussion: """
            Reads CARREFOUR_CATEGORY_MAP and CARREFOUR_ATTRIBUTE_MAP with the connector's settings, \
            then Carrefour's lists, and prints each code Carrefour does not list, one per line after \
            its setting (categories: not a leaf category). Exit 0: every code known (or no map); 1: \
            unknown codes; 2: the check could not be made. Mirakl allows H11 and PM11 once an hour, \
            and the catalog worker's own check shares that hour: a worker (re)started within it \
            waits for Mirakl's Retry-After before its own reading.
            """)

    func run() async throws {
        do {
            if try await check() { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Prints the unknown codes; true when there is one.
    private func check() async throws -> Bool {
        let source = try SettingsSource.process()
        let connector = try ConnectorSettings(from: source)
        let settings = try CatalogSettings(from: source, connector: connector)
        var logger = Logger(label: "carrefourctl")
        logger.logLevel = .error
        let http = HTTPClient(configuration: .init(), logger: logger)
        let reports: [UnknownMapCodes]
        do {
            reports = try await settings.unknownMapCodes(mirakl: MiraklClient(configuration: connector.mirakl, http: http))
            await http.shutdown()
        } catch {
            await http.shutdown()
            throw error
        }
        guard !reports.isEmpty else {
            print("no map set (CARREFOUR_CATEGORY_MAP, CARREFOUR_ATTRIBUTE_MAP): nothing to check")
            return false
        }
        for report in reports {
            let file = report.file.map { " (\($0))" } ?? ""
            print(report.codes.isEmpty ? "\(report.setting)\(file): every code known" : "\(report.setting)\(file): \(report.codes.count) unknown")
            for code in report.codes { print("\(report.setting)\t\(code)") }
        }
        return reports.contains { !$0.codes.isEmpty }
    }
}
