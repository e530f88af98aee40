#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a ``BatchConsumer`` window's due time comes from: its oldest change, as the broker
/// keeps it, not the moment this process happened to receive it. A worker restarted at any
/// moment (a deploy, an out-of-memory kill) thus flushes when the first process would have; a
/// window counted from each process's first delivery would never end for a worker restarted
/// more often than its window.
///
/// A change's anchor is the wall-clock time it became ready here: its
/// ``MessageHistory/firstSeenHeader`` (stamped by ``ReliablePublisher`` when the change first
/// entered the fleet, kept by every retry, delayed and parked copy), or, for a copy that waited in
/// the delay tiers (a retry, a scheduled message), its ``MessageHistory/dueHeader``: the first
/// process opened that window when the copy came back, not when the change was first seen. A
/// message without the header (a publisher outside the fleet) is anchored when this process first
/// read it. A window read back from the journal keeps its anchor in its pages (the page's own
/// first-seen header, see ``WindowJournal``).
///
/// Wall clock and monotonic clock: the anchor travels as wall-clock milliseconds (the only clock
/// two processes share), and is turned into an instant of the monotonic clock once, on arrival,
/// as an age (`now - anchor`), which then never moves with the wall clock. The age is clamped to
/// `0...window`: an anchor in the future (another machine's clock ahead, a hand-written header)
/// counts as now, so the window is at most one window long; one older than a window (a message
/// that waited in the queue while no worker ran, a replayed parked message) counts as exactly one
/// window old, so the window is due at once. Neither end can overflow or stall the schedule; the
/// rule that two flushes start at least one window apart still holds within a process.
enum WindowAnchor {
    /// The wall-clock time `message`'s window counts from.
    static func date(of history: MessageHistory) -> Date {
        history.due.map { max($0, history.firstSeen) } ?? history.firstSeen
    }

    /// How long before `now` a change anchored at `anchor` opened its window, clamped to
    /// `0...window`.
    static func age(of anchor: Date, now: Date, window: Duration) -> Duration {
        let seconds = now.timeIntervalSince(anchor)
        guard seconds.isFinite, seconds > 0 else { return .zero }
        let limit = window.timeInterval
        guard seconds < limit else { return window }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// The monotonic instant of `anchor`, read at `instant` (the monotonic time of `now`).
    static func instant(of anchor: Date, now: Date, at instant: ContinuousClock.Instant, window: Duration) -> ContinuousClock.Instant {
        instant - age(of: anchor, now: now, window: window)
    }

    /// The wall-clock time of a monotonic `opened`, read at `instant` (the monotonic time of
    /// `now`): what a journal page records.
    static func date(of opened: ContinuousClock.Instant, now: Date, at instant: ContinuousClock.Instant) -> Date {
        now.addingTimeInterval(-opened.duration(to: instant).timeInterval)
    }
}
