import Foundation

/// One P41 import: the lines with their outcome, fixed at upload, revealed at COMPLETE.
struct ProductImport: Sendable {
    struct LineResult: Sendable {
        var lineNumber: Int
        var shopSKU: String
        var productId: String
        var errors: [String]
    }

    var id: Int
    var created: Date
    var fileError: String?
    var lines: [LineResult]
    var parsed: [ProductFile.Line]
    /// Whether the completion effects were applied to the products.
    var settled = false

    var runningAt: Date
    var sentAt: Date
    var completeAt: Date

    /// The P42 `import_status` at `date`.
    func status(at date: Date) -> String {
        if date < runningAt { return "WAITING" }
        if fileError != nil { return date < sentAt ? "RUNNING" : "FAILED" }
        if date < sentAt { return "RUNNING" }
        if date < completeAt { return "SENT" }
        return "COMPLETE"
    }

    var acceptedLines: [LineResult] { lines.filter { $0.errors.isEmpty } }
    var rejectedLines: [LineResult] { lines.filter { !$0.errors.isEmpty } }
    /// When the import reaches its final status.
    var finalAt: Date { fileError == nil ? completeAt : sentAt }
}
