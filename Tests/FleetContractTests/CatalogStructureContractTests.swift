import Foundation
@testable import MiraklAPI
import SandboxTestSupport
import Testing

/// H11 and PM11 as the published seller OpenAPI writes them: the route and every query parameter
/// the client sends are the operation's, and each of the spec's JSON examples of the `200` answer
/// decodes into the client's types with the codes it lists.
@Suite struct CatalogStructureContractTests {
    /// The operation `id` of the Mirakl seller spec: its path, method and JSON object.
    static func operation(_ id: String) throws -> (path: String, method: String, body: [String: Any]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: try PackagePaths.miraklSellerSpec()))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        for (path, methods) in paths {
            for (method, value) in methods {
                if let body = value as? [String: Any], body["operationId"] as? String == id { return (path, method, body) }
            }
        }
        throw MissingOperation(id: id)
    }

    struct MissingOperation: Error {
        var id: String
    }

    /// The `value`s of the operation's `200` `application/json` examples.
    static func examples(_ operation: [String: Any]) -> [Any] {
        let responses = operation["responses"] as? [String: Any]
        let ok = responses?["200"] as? [String: Any]
        let json = (ok?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        return ((json?["examples"] as? [String: Any]) ?? [:]).values.compactMap { ($0 as? [String: Any])?["value"] }
    }

    @Test("H11: GET /api/hierarchies, the client's query parameters are the spec's, its examples decode")
    func hierarchies() throws {
        let h11 = try Self.operation("H11")
        #expect(h11.path == "/api/hierarchies" && h11.method == "get")
        let declared = Set((h11.body["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        let sent = Set(MiraklClient.structureQuery("5911111", 2).map(\.0))
        #expect(!sent.isEmpty && sent.isSubset(of: declared), "sent \(sent), declared \(declared)")
        let examples = Self.examples(h11.body)
        #expect(examples.count >= 2)
        for example in examples {
            let data = try JSONSerialization.data(withJSONObject: example)
            let decoded = try MiraklClient.decoder.decode(MiraklHierarchies.self, from: data)
            let codes = ((example as? [String: Any])?["hierarchies"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(!codes.isEmpty && decoded.hierarchies.map(\.code) == codes)
        }
    }

    @Test("PM11: GET /api/products/attributes, the client's query parameters are the spec's, its examples decode")
    func attributes() throws {
        let pm11 = try Self.operation("PM11")
        #expect(pm11.path == "/api/products/attributes" && pm11.method == "get")
        let declared = Set((pm11.body["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        let sent = Set(MiraklClient.structureQuery("3012", 1).map(\.0))
        #expect(!sent.isEmpty && sent.isSubset(of: declared), "sent \(sent), declared \(declared)")
        let examples = Self.examples(pm11.body)
        #expect(examples.count >= 2)
        for example in examples {
            let data = try JSONSerialization.data(withJSONObject: example)
            let decoded = try MiraklClient.decoder.decode(MiraklProductAttributes.self, from: data)
            let raw = (example as? [String: Any])?["attributes"] as? [[String: Any]] ?? []
            #expect(!raw.isEmpty && decoded.attributes.map(\.code) == raw.compactMap { $0["code"] as? String })
            #expect(decoded.attributes.map(\.requirementLevel) == raw.map { $0["requirement_level"] as? String })
        }
    }
}
