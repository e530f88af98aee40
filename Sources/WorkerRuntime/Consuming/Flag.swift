import Synchronization

/// A flag raised at creation, lowered once; shared by a session's tasks.
final class Flag: Sendable {
    private let value = Atomic<Bool>(true)

    var isRaised: Bool { value.load(ordering: .acquiring) }

    func lower() { value.store(false, ordering: .releasing) }
}

