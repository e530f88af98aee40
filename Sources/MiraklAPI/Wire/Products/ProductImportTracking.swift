#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// P42's answer, and one item of P51 (`P42_Response_200`, reference/mirakl-api.md §2): where a
/// product import stands. Unknown fields are ignored and statuses are kept as strings (Mirakl asks
/// clients to accept unknown enum values).
public struct ProductImportTracking: Sendable, Equatable, Decodable {
    /// What the operator's system found, once the import is COMPLETE.
    public struct IntegrationDetails: Sendable, Equatable, Decodable {
        public var invalidProducts: Int?
        public var productsSuccessfullySynchronized: Int?
        public var rejectedProducts: Int?
        public var productsWithWrongIdentifiers: Int?

        enum CodingKeys: String, CodingKey {
            case invalidProducts = "invalid_products"
            case productsSuccessfullySynchronized = "products_successfully_synchronized"
            case rejectedProducts = "rejected_products"
            case productsWithWrongIdentifiers = "products_with_wrong_identifiers"
        }
    }

    /// The import id P41 returned.
    public var importId: Int
    /// `import_status`.
    public var status: ProductImportStatus
    /// When the import was created.
    public var dateCreated: Date?
    /// Why the import FAILED or was CANCELLED.
    public var reasonStatus: String?
    /// Whether P44 has lines (filled when COMPLETE).
    public var hasErrorReport: Bool
    /// Whether P45 has lines (filled when COMPLETE).
    public var hasNewProductReport: Bool
    /// Whether P47 has lines (source-file errors; filled at SENT or COMPLETE).
    public var hasTransformationErrorReport: Bool
    /// Lines read from the file.
    public var linesRead: Int?
    /// Counts from the operator's system.
    public var integrationDetails: IntegrationDetails?

    public init(
        importId: Int, status: ProductImportStatus, dateCreated: Date? = nil, reasonStatus: String? = nil,
        hasErrorReport: Bool = false, hasNewProductReport: Bool = false, hasTransformationErrorReport: Bool = false,
        linesRead: Int? = nil, integrationDetails: IntegrationDetails? = nil
    ) {
        self.importId = importId
        self.status = status
        self.dateCreated = dateCreated
        self.reasonStatus = reasonStatus
        self.hasErrorReport = hasErrorReport
        self.hasNewProductReport = hasNewProductReport
        self.hasTransformationErrorReport = hasTransformationErrorReport
        self.linesRead = linesRead
        self.integrationDetails = integrationDetails
    }

    enum CodingKeys: String, CodingKey {
        case importId = "import_id", status = "import_status", dateCreated = "date_created"
        case reasonStatus = "reason_status", hasErrorReport = "has_error_report"
        case hasNewProductReport = "has_new_product_report"
        case hasTransformationErrorReport = "has_transformation_error_report"
        case linesRead = "transform_lines_read", integrationDetails = "integration_details"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        importId = try container.decode(Int.self, forKey: .importId)
        status = ProductImportStatus(rawValue: try container.decode(String.self, forKey: .status))
        dateCreated = try container.decodeIfPresent(Date.self, forKey: .dateCreated)
        reasonStatus = try container.decodeIfPresent(String.self, forKey: .reasonStatus)
        hasErrorReport = try container.decodeIfPresent(Bool.self, forKey: .hasErrorReport) ?? false
        hasNewProductReport = try container.decodeIfPresent(Bool.self, forKey: .hasNewProductReport) ?? false
        hasTransformationErrorReport = try container.decodeIfPresent(Bool.self, forKey: .hasTransformationErrorReport) ?? false
        linesRead = try container.decodeIfPresent(Int.self, forKey: .linesRead)
        integrationDetails = try container.decodeIfPresent(IntegrationDetails.self, forKey: .integrationDetails)
    }
}

/// A product import's `import_status` (reference/mirakl-api.md §2 P42): any string Mirakl sends,
/// with the documented ones named.
public struct ProductImportStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let waiting = ProductImportStatus(rawValue: "WAITING")
    public static let running = ProductImportStatus(rawValue: "RUNNING")
    public static let sent = ProductImportStatus(rawValue: "SENT")
    public static let complete = ProductImportStatus(rawValue: "COMPLETE")
    public static let cancelled = ProductImportStatus(rawValue: "CANCELLED")
    public static let failed = ProductImportStatus(rawValue: "FAILED")
    public static let transformationFailed = ProductImportStatus(rawValue: "TRANSFORMATION_FAILED")

    /// Whether the import will not change any more: COMPLETE, CANCELLED, FAILED (and
    /// TRANSFORMATION_FAILED), as the M2 connector reads them (reference/mirakl-api.md §2 P42).
    public var isFinal: Bool {
        [Self.complete, .cancelled, .failed, .transformationFailed].contains(self)
    }

    public var description: String { rawValue }
}
