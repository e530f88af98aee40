import Synchronization
import Testing
import WorkerRuntime

/// One key's bodies run one after the other; different keys run side by side.
@Suite struct KeyedSerializerTests {
    /// How many bodies of each key run now, and the most that ever ran at once.
    final class Counts: Sendable {
        let running = Mutex<[String: Int]>([:])
        let most = Mutex<[String: Int]>([:])
    }

    @Test func oneKeyRunsOneAtATimeOtherKeysAtOnce() async throws {
        let serializer = KeyedSerializer()
        let counts = Counts()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let key = index.isMultiple(of: 2) ? "order-A" : "order-\(index)"
                group.addTask {
                    try await serializer.run(key) {
                        let now = counts.running.withLock { $0[key, default: 0] += 1; return $0[key, default: 0] }
                        counts.most.withLock { $0[key] = max($0[key] ?? 0, now) }
                        try await Task.sleep(for: .milliseconds(5))
                        counts.running.withLock { $0[key, default: 0] -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(counts.most.withLock { $0["order-A"] } == 1, "twenty bodies of one key never overlapped")
        #expect(counts.running.withLock { $0.values.allSatisfy { $0 == 0 } })
    }

    @Test func aFailingBodyReleasesItsKey() async throws {
        struct Boom: Error {}
        let serializer = KeyedSerializer()
        await #expect(throws: Boom.self) { try await serializer.run("k") { throw Boom() } }
        let value = try await serializer.run("k") { 7 }
        #expect(value == 7)
    }
}
