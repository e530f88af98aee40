#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pthread mutex under ``ThreadCondition`` (`pthread_cond_wait` needs one). State that only
/// needs mutual exclusion uses `Synchronization.Mutex`. Not recursive.
///
/// `@unchecked Sendable`: the pthread mutex is the synchronisation; it lives at a fixed address
/// (allocated here, freed in `deinit`), as pthread requires.
final class ThreadLock: @unchecked Sendable {
    fileprivate let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// A new, unlocked mutex.
    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Waits for and takes the mutex.
    func lock() { pthread_mutex_lock(mutex) }

    /// Gives the mutex back (the thread that took it must).
    func unlock() { pthread_mutex_unlock(mutex) }
}

/// A mutex with a condition variable (what `NSCondition` was): `lock`, then `wait` while the
/// awaited state is not there (waits may wake spuriously: always loop), `signal` after changing it.
public final class ThreadCondition: @unchecked Sendable {
    private let mutex = ThreadLock()
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// A new condition with its own, unlocked mutex.
    public init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }

    /// Takes the condition's mutex.
    public func lock() { mutex.lock() }

    /// Gives the condition's mutex back.
    public func unlock() { mutex.unlock() }

    /// Releases the mutex, sleeps until signalled, and takes the mutex again (the caller holds it).
    public func wait() { pthread_cond_wait(condition, mutex.mutex) }

    /// Wakes one waiting thread.
    public func signal() { pthread_cond_signal(condition) }
}
