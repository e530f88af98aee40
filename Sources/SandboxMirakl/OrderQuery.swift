import Foundation

/// OR11 query filters (spec OR11 parameters; mirakl-api.md §4).
struct OrderQuery: Sendable {
    var orderIds: Set<String>?
    var states: Set<String>?
    var startDate: Date?
    var endDate: Date?
    var startUpdateDate: Date?
    var endUpdateDate: Date?
    var max = 10
    var offset = 0
    var paginate = true
    var descending = false
}
