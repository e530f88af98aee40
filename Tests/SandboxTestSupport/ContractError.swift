/// Why the contract validator could not be run.
public enum ContractError: Error, CustomStringConvertible, Sendable {
    /// A body recorded as JSON did not parse.
    case undecodableBody(method: String, path: String)
    /// `python3` could not be started.
    case launchFailed(String)
    /// No copy of the published specs was found.
    case specsNotFound([String])

    /// A human message.
    public var description: String {
        switch self {
        case .undecodableBody(let method, let path): "the \(method) \(path) body is not JSON"
        case .launchFailed(let reason): "could not run scripts/contract/validate.py: \(reason)"
        case .specsNotFound(let tried): "published specs not found; tried \(tried.joined(separator: ", "))"
        }
    }
}
