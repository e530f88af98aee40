import Foundation

/// One OF01 import: the file as sent; its lines are judged when it completes.
struct OfferImport: Sendable {
    struct ErrorLine: Sendable {
        var lineNumber: Int
        var row: [String]
        var message: String
    }

    var id: Int
    var created: Date
    var mode: String
    var fileBytes: [UInt8]
    var table: CSVTable?
    var fileError: String?
    var runningAt: Date
    var completeAt: Date
    var settled = false
    var errors: [ErrorLine] = []
    var inserted = 0
    var updated = 0
    var deleted = 0
    var succeeded = 0

    func status(at date: Date) -> String {
        if date < runningAt { return "WAITING" }
        if date < completeAt { return "RUNNING" }
        return fileError == nil ? "COMPLETE" : "FAILED"
    }
}
