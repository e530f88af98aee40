import Foundation

extension VTEXState {
    /// Puts an order change in the feed when a feed is configured and its filter takes it
    /// (Orders API Feed v3, vtex-apis.md §8).
    mutating func recordChange(orderId: String, state: String, lastState: String, statusChanged: Bool, now: Date) {
        guard let configuration = feedConfiguration,
              configuration.accepts(state: state, statusChanged: statusChanged) else { return }
        feedCounter += 1
        let previous = feedEvents.last { $0.orderId == orderId }?.currentChange ?? orders[orderId]?.creationDate ?? now
        feedEvents.append(FeedEvent(
            eventId: String(format: "%032X", feedCounter), handle: "", domain: "Fulfillment", state: state,
            lastState: lastState, orderId: orderId, lastChange: previous, currentChange: now, enqueuedAt: now))
    }

    /// Reads up to `maxlot` visible events (1…10); each read renews the handle and hides the event for the
    /// queue's visibility timeout, after which an uncommitted event shows again.
    mutating func readFeed(maxlot: Int, now: Date) -> [FeedEvent]? {
        guard let configuration = feedConfiguration else { return nil }
        let retention = TimeInterval(configuration.queue.MessageRetentionPeriodInSeconds)
        feedEvents.removeAll { now.timeIntervalSince($0.enqueuedAt) > retention }
        var read: [FeedEvent] = []
        for index in feedEvents.indices where read.count < min(max(maxlot, 1), 10) {
            if let hidden = feedEvents[index].invisibleUntil, hidden > now { continue }
            feedCounter += 1
            feedEvents[index].handle = "h\(feedCounter)-\(feedEvents[index].eventId)"
            feedEvents[index].invisibleUntil = now.addingTimeInterval(
                TimeInterval(configuration.queue.visibilityTimeoutInSeconds))
            read.append(feedEvents[index])
        }
        return read
    }

    /// Removes the events whose current handle is listed; stale or unknown handles are ignored.
    /// Returns how many were removed, or nil without a feed.
    mutating func commitFeed(handles: [String]) -> Int? {
        guard feedConfiguration != nil else { return nil }
        let wanted = Set(handles)
        let before = feedEvents.count
        feedEvents.removeAll { !$0.handle.isEmpty && wanted.contains($0.handle) }
        return before - feedEvents.count
    }
}
