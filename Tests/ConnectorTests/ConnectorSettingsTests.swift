import Connector
import Foundation
import IntegrationRules
import MiraklAPI
import Testing
import VTEXAPI
import WorkerRuntime

/// The connector settings stop a process at start with the setting's name, and never show a secret.
@Suite struct ConnectorSettingsTests {
    private let valid: [String: String] = [
        "CARREFOUR_MIRAKL_URL": "https://carrefour.mirakl.net/", "CARREFOUR_MIRAKL_API_KEY": "shop-key-secret",
        "CARREFOUR_VTEX_URL": "https://store.vtexcommercestable.com.br", "CARREFOUR_VTEX_APP_KEY": "app-key-secret",
        "CARREFOUR_VTEX_APP_TOKEN": "app-token-secret", "CARREFOUR_SLA_EXPRESS": "Expressa",
    ]

    private func settings(_ changes: [String: String?]) throws -> ConnectorSettings {
        var env = valid
        for (key, value) in changes { env[key] = value }
        return try ConnectorSettings(from: SettingsSource(environment: env))
    }

    private func problem(_ changes: [String: String?]) -> SettingsError? {
        do {
            _ = try settings(changes)
            return nil
        } catch let error as SettingsError {
            return error
        } catch {
            return SettingsError(setting: "?", problem: "\(error)")
        }
    }

    @Test func validSettingsHaveTheSeedsDefaults() throws {
        let connector = try settings([:])
        #expect(connector.mirakl.baseURL == "https://carrefour.mirakl.net")
        #expect(connector.store.tradePolicy == "1")
        #expect(connector.store.affiliateId == "CRF")
        #expect(connector.store.slaMapping == [.express: "Expressa"])
        #expect(connector.store.priceDivergenceRate == 0)
        #expect(connector.store.brandInTitle == false)
    }

    @Test func eachBadSettingIsNamed() {
        #expect(problem(["CARREFOUR_SLA_EXPRESS": nil])?.setting == "CARREFOUR_SLA_NORMAL")
        #expect(problem(["CARREFOUR_MIRAKL_URL": "ftp://x"])?.setting == "CARREFOUR_MIRAKL_URL")
        #expect(problem(["CARREFOUR_VTEX_URL": nil])?.setting == "CARREFOUR_VTEX_URL")
        #expect(problem(["CARREFOUR_VTEX_APP_TOKEN": nil])?.setting == "CARREFOUR_VTEX_APP_TOKEN")
        #expect(problem(["CARREFOUR_PRICE_DIVERGENCE_RATE": "150"])?.setting == "CARREFOUR_PRICE_DIVERGENCE_RATE")
        #expect(problem(["CARREFOUR_TRADE_POLICY": "one"])?.setting == "CARREFOUR_TRADE_POLICY")
        #expect(problem(["CARREFOUR_AFFILIATE_ID": "CARREFOUR"])?.setting == "CARREFOUR_AFFILIATE_ID")
        #expect(problem(["CARREFOUR_BRAND_IN_TITLE": "maybe"])?.setting == "CARREFOUR_BRAND_IN_TITLE")
        #expect(problem(["CARREFOUR_MIRAKL_URL": "https://user:pw@x.mirakl.net"])?.setting == "CARREFOUR_MIRAKL_URL")
        #expect(problem(["CARREFOUR_DRY_RUN": "perhaps"])?.setting == "CARREFOUR_DRY_RUN")
    }

    @Test func dryRunReachesBothClients() throws {
        let live = try settings([:])
        #expect(!live.dryRun && !live.mirakl.dryRun && !live.vtex.dryRun)
        let dry = try settings(["CARREFOUR_DRY_RUN": "true"])
        #expect(dry.dryRun && dry.mirakl.dryRun && dry.vtex.dryRun)
    }

    @Test func secretsComeFromFilesAndNeverAppearInErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shopkey-\(UUID().uuidString)").path
        try "from-file-secret\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let connector = try settings(["CARREFOUR_MIRAKL_API_KEY": nil, "CARREFOUR_MIRAKL_API_KEY_FILE": path])
        #expect(connector.mirakl.apiKey == "from-file-secret")

        let errors: [any CustomStringConvertible] = [
            MiraklError.unauthorized(operation: "OR11", status: 401), VTEXError.unauthorized(operation: "sku", status: 403),
            problem(["CARREFOUR_SLA_EXPRESS": nil]) ?? SettingsError(setting: "", problem: ""),
        ]
        for error in errors {
            for secret in ["shop-key-secret", "app-key-secret", "app-token-secret", "from-file-secret"] {
                #expect(!error.description.contains(secret))
            }
        }
    }

    @Test func clientFailuresAreClassifiedForTheConsumer() {
        #expect(WorkFailure(classifying: MiraklError.rateLimited(operation: "OF01", retryAfter: .seconds(60)))
            == .transient("Mirakl OF01: rate limited (429), retry after 60.0 seconds", retryAfter: .seconds(60)))
        #expect(WorkFailure(classifying: MiraklError.unauthorized(operation: "P41", status: 401)).kind == "auth")
        #expect(WorkFailure(classifying: MiraklError.server(operation: "P42", status: 503, message: "down")).kind == "transient")
        #expect(WorkFailure(classifying: MiraklError.rejected(operation: "OR21", status: 400, message: "ORDER_INVALID_STATE")).kind == "business")
        #expect(WorkFailure(classifying: VTEXError.transport(operation: "sku", message: "refused", transient: true)).kind == "transient")
        #expect(WorkFailure(classifying: VTEXError.transport(operation: "sku", message: "tls", transient: false)).kind == "business")
        #expect(WorkFailure(classifying: VTEXError.notFound(operation: "sku", message: "no such SKU")).kind == "business")
    }
}

extension ConnectorSettingsTests {
    @Test func aCompressedClockDividesMiraklsFrequencyLimits() throws {
        #expect(try settings([:]).miraklMinimum(.seconds(60)) == .seconds(60))
        #expect(try settings(["CARREFOUR_TIME_SCALE": "60"]).miraklMinimum(.seconds(60)) == .seconds(1))
        #expect(problem(["CARREFOUR_TIME_SCALE": "0.5"])?.setting == "CARREFOUR_TIME_SCALE")
    }
}
