#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// OF02's answer: where an offer import stands (spec `OF02_Response_200`; reference/mirakl-api.md §3).
public struct OfferImportStatus: Sendable, Decodable, Equatable {
    /// The import id.
    public var importId: Int
    /// `WAITING_SYNCHRONIZATION_PRODUCT`, `WAITING`, `RUNNING`, `COMPLETE` or `FAILED`; kept as text
    /// because Mirakl asks clients to accept enum values they do not know (mirakl-api.md §1).
    public var status: String
    /// Why the import failed, when it did.
    public var reasonStatus: String?
    /// Whether OF03 has a report of the lines in error (set once the import is COMPLETE).
    public var hasErrorReport: Bool
    public var linesRead: Int
    public var linesInSuccess: Int
    public var linesInError: Int
    /// Lines waiting for their product to be integrated (`WAITING_SYNCHRONIZATION_PRODUCT`).
    public var linesInPending: Int
    public var dateCreated: Date?

    enum CodingKeys: String, CodingKey {
        case importId = "import_id", status, reasonStatus = "reason_status", hasErrorReport = "has_error_report"
        case linesRead = "lines_read", linesInSuccess = "lines_in_success", linesInError = "lines_in_error"
        case linesInPending = "lines_in_pending", dateCreated = "date_created"
    }

    public init(
        importId: Int, status: String, reasonStatus: String? = nil, hasErrorReport: Bool = false, linesRead: Int = 0,
        linesInSuccess: Int = 0, linesInError: Int = 0, linesInPending: Int = 0, dateCreated: Date? = nil
    ) {
        self.importId = importId
        self.status = status
        self.reasonStatus = reasonStatus
        self.hasErrorReport = hasErrorReport
        self.linesRead = linesRead
        self.linesInSuccess = linesInSuccess
        self.linesInError = linesInError
        self.linesInPending = linesInPending
        self.dateCreated = dateCreated
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        importId = try container.decode(Int.self, forKey: .importId)
        status = try container.decode(String.self, forKey: .status)
        reasonStatus = try container.decodeIfPresent(String.self, forKey: .reasonStatus)
        hasErrorReport = try container.decodeIfPresent(Bool.self, forKey: .hasErrorReport) ?? false
        linesRead = try container.decodeIfPresent(Int.self, forKey: .linesRead) ?? 0
        linesInSuccess = try container.decodeIfPresent(Int.self, forKey: .linesInSuccess) ?? 0
        linesInError = try container.decodeIfPresent(Int.self, forKey: .linesInError) ?? 0
        linesInPending = try container.decodeIfPresent(Int.self, forKey: .linesInPending) ?? 0
        dateCreated = try container.decodeIfPresent(Date.self, forKey: .dateCreated)
    }

    /// Whether the import will not change any more: `COMPLETE` or `FAILED` (the M2 connector's
    /// reading, mirakl-api.md §3 OF02); every other value, known or not, means "wait".
    public var isFinal: Bool { status == "COMPLETE" || status == "FAILED" }

    /// Whether it ended in `FAILED` (the whole file refused; `reasonStatus` says why).
    public var isFailed: Bool { status == "FAILED" }
}
