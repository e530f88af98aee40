import Foundation

extension ProductImport {
    /// When the import last changed status at `date` (creation, then each stage it reached): P51's
    /// `last_request_date` returns "product imports that have changed since this date" (spec P51),
    /// so an import created earlier that completed since is listed.
    func lastChange(at date: Date) -> Date {
        [created, runningAt, sentAt, finalAt].filter { $0 <= date }.max() ?? created
    }
}
