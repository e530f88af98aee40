import Foundation

/// P41 and OF01 `201` body: `{"import_id": n}`.
struct ImportCreatedWire: Encodable {
    var import_id: Int
}

/// P42 body and P51 item (`P42_Response_200`).
struct ProductImportWire: Encodable {
    struct IntegrationDetails: Encodable {
        var invalid_products: Int
        var products_not_accepted_in_time = 0
        var products_not_synchronized_in_time = 0
        var products_reimported = 0
        var products_successfully_synchronized: Int
        var products_with_synchronization_issues = 0
        var products_with_wrong_identifiers = 0
        var rejected_products: Int
    }

    var date_created: Date
    var has_error_report: Bool
    var has_new_product_report: Bool
    var has_transformation_error_report = false
    var has_transformed_file = false
    var import_id: Int
    var import_status: String
    var integration_details: IntegrationDetails?
    var reason_status: String?
    var shop_id: Int
    var transform_lines_in_error = 0
    var transform_lines_in_success = 0
    var transform_lines_read = 0
    var transform_lines_with_warning = 0
}

/// P51 body.
struct ProductImportListWire: Encodable {
    var product_import_trackings: [ProductImportWire]
    var total_count: Int
}

/// OF02 body (`OF02_Response_200`).
struct OfferImportWire: Encodable {
    var date_created: Date
    var has_error_report: Bool
    var import_id: Int
    var lines_in_error: Int
    var lines_in_pending: Int
    var lines_in_success: Int
    var lines_read: Int
    var mode: String
    var offer_deleted: Int
    var offer_inserted: Int
    var offer_updated: Int
    var reason_status: String
    var status: String
    var type = "MIRAKL"
}
