#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import SystemSupport
public import HTTPLayer

/// Typed calls to Carrefour's Mirakl seller API over ``HTTPClient``. This file holds what every
/// call shares (URL, `Authorization`, `shop_id`, the dry-run gate; failures are the shared
/// ``APIFailure``); each area's operations live in `MiraklClient+<Area>.swift`.
///
/// Conventions (reference/mirakl-api.md §1): `Authorization: <shop API key>` with no `Bearer`
/// prefix; `shop_id` on every call when configured; errors are `{"message": …, "status": …}`;
/// 429 carries `Retry-After`.
public struct MiraklClient: Sendable {
    /// The endpoint and credentials.
    public let configuration: MiraklConfiguration
    /// The shared HTTP client.
    public let http: HTTPClient
    /// Where a dry run's withheld writes go (``MiraklConfiguration/dryRun``); without one they are
    /// withheld all the same, unrecorded.
    public let recorder: (any WithheldRequestRecorder)?

    /// Creates a client on a shared ``HTTPClient``.
    public init(configuration: MiraklConfiguration, http: HTTPClient, recorder: (any WithheldRequestRecorder)? = nil) {
        self.configuration = configuration
        self.http = http
        self.recorder = recorder
    }

    /// The absolute URL of `path` (`/api/...`) with `query` and the configured `shop_id`.
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        var items = query
        if let shop = configuration.shopId { items.append(("shop_id", shop)) }
        guard !items.isEmpty else { return configuration.baseURL + path }
        return configuration.baseURL + path + "?" + items.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Sends one operation and returns its 2xx response; any other outcome becomes a ``MiraklError``.
    ///
    /// Every call passes here, so this is the dry run's gate: in a dry run a write (`effect`, by
    /// default from the method) goes to ``recorder`` instead of Mirakl and the call throws
    /// ``MiraklError/withheld(operation:)``.
    /// - Parameters:
    ///   - operation: the operation's code (`P41`, `OR11`…), for errors and logs.
    ///   - subject: what a write is about (an order id, a file name), for the dry run's record.
    public func send(
        _ operation: String, method: HTTPMethod = .get, path: String, query: [(String, String)] = [],
        body: HTTPBody? = nil, accept: String = "application/json", effect: CallEffect? = nil, subject: String? = nil
    ) async throws(MiraklError) -> HTTPResponse {
        let target = url(path, query: query)
        try await MiraklError.gate(
            dryRun: configuration.dryRun, effect: effect, operation: operation, subject: subject ?? path, method: method,
            url: target, baseURL: configuration.baseURL, body: body, to: recorder)
        var headers: HTTPHeaders = ["Authorization": configuration.apiKey, "Accept": accept]
        if case .bytes(_, let type) = body { headers.replace("Content-Type", type) }
        let request = HTTPRequest(
            method: method, url: target, headers: headers, body: body, timeout: configuration.timeout)
        return try await MiraklError.execute(request, on: http, operation: operation)
    }

    /// Sends one operation and decodes its JSON answer.
    public func get<T: Decodable>(
        _ type: T.Type, _ operation: String, path: String, query: [(String, String)] = []
    ) async throws(MiraklError) -> T {
        let response = try await send(operation, path: path, query: query)
        return try decode(T.self, from: response, operation: operation)
    }

    /// Decodes a 2xx answer's JSON body; a body off the contract is ``MiraklError/invalidResponse(operation:message:)``.
    public func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, operation: String) throws(MiraklError) -> T {
        try MiraklError.decode(T.self, from: response, decoder: Self.decoder, operation: operation)
    }

    /// The decoder for Mirakl's JSON: dates are ISO 8601, with or without fractional seconds.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = MiraklDate.parse(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()

    /// RFC 3986's query characters without the ones that split or end a query (`&=+?#`).
    private static let queryValueAllowed = ASCIISet.urlQueryAllowed.subtracting("&=+?#")

    private static func encode(_ text: String) -> String {
        PercentEncoding.encode(text, allowing: queryValueAllowed)
    }
}
