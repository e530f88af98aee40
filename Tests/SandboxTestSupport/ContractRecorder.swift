import Foundation
import Synchronization

/// Collects HTTP responses seen by a test and validates them, in one run, against the response
/// schemas of a published OpenAPI file with `scripts/contract/validate.py`.
///
/// A test records each response it received (`record(...)`), then calls `validate()`: the records
/// are written as JSON lines and the Python validator (openapi-schema-validator, installed by
/// `scripts/install-deps`) checks each body against its operation's response schema, `$ref`s
/// resolved. Thread-safe, so concurrent test calls can share one recorder.
public final class ContractRecorder: Sendable {
    /// The OpenAPI file every record is checked against.
    public let specPath: String
    private let lines = Mutex<[String]>([])

    /// Creates a recorder for one spec file.
    public init(specPath: String) {
        self.specPath = specPath
    }

    /// How many responses were recorded.
    public var count: Int {
        lines.withLock { $0.count }
    }

    /// Records one response.
    /// - Parameters:
    ///   - method: the HTTP method (`GET`, `POST`…).
    ///   - path: the request path as sent (query string allowed; it is ignored for matching).
    ///   - status: the HTTP status received.
    ///   - body: the raw body; decoded as JSON when `isJSON`, else kept as UTF-8 text (nil or
    ///     empty for no body).
    ///   - isJSON: whether the body is JSON.
    /// - Throws: `ContractError.undecodableBody` when a JSON body does not parse.
    public func record(method: String, path: String, status: Int, body: [UInt8]?, isJSON: Bool) throws {
        var entry: [String: Any] = ["spec": specPath, "method": method, "path": path, "status": status]
        if let body, !body.isEmpty {
            if isJSON {
                do {
                    entry["body"] = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
                } catch {
                    throw ContractError.undecodableBody(method: method, path: path)
                }
            } else {
                entry["body"] = String(decoding: body, as: UTF8.self)
            }
        } else {
            entry["body"] = NSNull()
        }
        let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
        append(String(decoding: data, as: UTF8.self))
    }

    /// Adds one JSON line.
    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    /// Runs the validator over every record.
    /// - Returns: the validator's report (its exit code and one line per record).
    /// - Throws: `ContractError` when the validator cannot be run at all.
    public func validate() async throws -> ContractReport {
        let input = lines.withLock { $0.joined(separator: "\n") } + "\n"
        return try await ContractValidatorProcess.run(input: input)
    }
}

extension ContractRecorder {
    /// Records a request a client sends, checked against its operation's JSON request body schema.
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the operation's path in the spec (query string allowed).
    ///   - body: the JSON body as sent.
    /// - Throws: `ContractError.undecodableBody` when `body` is not JSON.
    public func recordRequest(method: String, path: String, part: String? = nil, body: [UInt8]) throws {
        let decoded: Any
        do {
            decoded = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            throw ContractError.undecodableBody(method: method, path: path)
        }
        try recordRequest(method: method, path: path, part: part, json: decoded)
    }

    /// Records a request body given as a JSON object (`[String: Any]`, `NSNull` for null); with
    /// `part`, the body is that JSON part of a multipart/form-data request.
    public func recordRequest(method: String, path: String, part: String? = nil, json: Any) throws {
        var entry: [String: Any] = ["kind": "request", "spec": specPath, "method": method, "path": path, "body": json]
        if let part { entry["part"] = part }
        let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
        append(String(decoding: data, as: UTF8.self))
    }

    /// Records a whole multipart/form-data request body as an object of its parts (a file part as
    /// its text, a JSON part decoded), checked against the form's schema: required parts, types, enums.
    public func recordForm(method: String, path: String, parts: [String: Any]) throws {
        let entry: [String: Any] = ["kind": "request", "spec": specPath, "method": method, "path": path, "body": parts, "form": true]
        let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
        append(String(decoding: data, as: UTF8.self))
    }
}
