/// Why a `carrefourctl` command failed; the messages never hold a password.
enum CtlError: Error, CustomStringConvertible {
    case missingSetting(String)
    case invalidManagementURL(String)
    case managementStatus(path: String, status: Int)
    case managementResponse(path: String, reason: String)
    case notConfirmed(String)
    case invalidInterval(String)
    case noOutcome(String)

    var description: String {
        switch self {
        case .missingSetting(let name): "missing setting: \(name)"
        case .invalidManagementURL(let url): "invalid management URL: \(url)"
        case .managementStatus(let path, 401): "the management API refused the credentials (401) for \(path)"
        case .managementStatus(let path, let status): "the management API answered \(status) for \(path)"
        case .managementResponse(let path, let reason): "unexpected management API answer for \(path): \(reason)"
        case .notConfirmed(let what): "the broker did not take \(what)"
        case .invalidInterval(let text): "invalid interval \(text): use e.g. 500ms, 2s or 1m"
        case .noOutcome(let what): "no outcome yet: \(what)"
        }
    }
}
