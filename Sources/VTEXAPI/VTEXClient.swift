#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import SystemSupport
public import HTTPLayer

/// Typed calls to the seller's VTEX store over ``HTTPClient``. This file holds what every call
/// shares (URL, AppKey/AppToken headers, the dry-run gate; failures are the shared ``APIFailure``);
/// each area's calls live in `VTEXClient+<Area>.swift`.
///
/// Every private (`pvt`) endpoint takes `X-VTEX-API-AppKey` and `X-VTEX-API-AppToken`
/// (reference/vtex-apis.md "Conventions"); they are sent on every call.
public struct VTEXClient: Sendable {
    /// The endpoint and credentials.
    public let configuration: VTEXConfiguration
    /// The shared HTTP client.
    public let http: HTTPClient
    /// Where a dry run's withheld writes go (``VTEXConfiguration/dryRun``); without one they are
    /// withheld all the same, unrecorded.
    public let recorder: (any WithheldRequestRecorder)?

    /// Creates a client on a shared ``HTTPClient``.
    public init(configuration: VTEXConfiguration, http: HTTPClient, recorder: (any WithheldRequestRecorder)? = nil) {
        self.configuration = configuration
        self.http = http
        self.recorder = recorder
    }

    /// The absolute URL of `path` (`/api/...`) with `query`.
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return configuration.baseURL + path }
        return configuration.baseURL + path + "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// Sends one call and returns its 2xx response; any other outcome becomes a ``VTEXError``.
    ///
    /// Every call passes here, so this is the dry run's gate: in a dry run a write (`effect`, by
    /// default from the method; the simulations are reads) goes to ``recorder`` instead of VTEX and
    /// the call throws ``VTEXError/withheld(operation:)``.
    /// - Parameters:
    ///   - call: a short name of the call (`sku context`, `new order integration`), for errors and logs.
    ///   - subject: what a write is about (an order id), for the dry run's record.
    public func send(
        _ call: String, method: HTTPMethod = .get, path: String, query: [(String, String)] = [], body: HTTPBody? = nil,
        effect: CallEffect? = nil, subject: String? = nil
    ) async throws(VTEXError) -> HTTPResponse {
        let target = url(path, query: query)
        try await VTEXError.gate(
            dryRun: configuration.dryRun, effect: effect, operation: call, subject: subject ?? path, method: method,
            url: target, baseURL: configuration.baseURL, body: body, to: recorder)
        var headers: HTTPHeaders = [
            "X-VTEX-API-AppKey": configuration.appKey, "X-VTEX-API-AppToken": configuration.appToken,
            "Accept": "application/json",
        ]
        if case .bytes(_, let type) = body { headers.replace("Content-Type", type) }
        let request = HTTPRequest(
            method: method, url: target, headers: headers, body: body, timeout: configuration.timeout)
        return try await VTEXError.execute(request, on: http, operation: call)
    }

    /// Sends a JSON body (or none) and decodes the JSON answer.
    public func json<T: Decodable>(
        _ type: T.Type, _ call: String, method: HTTPMethod = .get, path: String, query: [(String, String)] = [],
        body: (some Encodable & Sendable)? = Optional<String>.none, effect: CallEffect? = nil, subject: String? = nil
    ) async throws(VTEXError) -> T {
        var httpBody: HTTPBody?
        if let body {
            do {
                httpBody = try HTTPBody.json(body, encoder: Self.encoder)
            } catch {
                throw .invalidResponse(operation: call, message: "cannot encode the request: \(error)")
            }
        }
        let response = try await send(call, method: method, path: path, query: query, body: httpBody, effect: effect, subject: subject)
        return try decode(T.self, from: response, call: call)
    }

    /// Decodes a 2xx answer's JSON body; a body off the contract is ``VTEXError/invalidResponse(operation:message:)``.
    public func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, call: String) throws(VTEXError) -> T {
        try VTEXError.decode(T.self, from: response, decoder: Self.decoder, operation: call)
    }

    /// VTEX's JSON decoder: ISO 8601 dates, with or without fractional seconds.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()

    /// VTEX's JSON encoder: ISO 8601 dates.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// RFC 3986's query characters without the ones that split or end a query (`&=+?#`).
    private static let queryValueAllowed = ASCIISet.urlQueryAllowed.subtracting("&=+?#")

    private static func encode(_ text: String) -> String {
        PercentEncoding.encode(text, allowing: queryValueAllowed)
    }
}
