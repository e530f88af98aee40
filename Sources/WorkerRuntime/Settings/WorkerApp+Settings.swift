#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WorkerApp {
    /// Reads settings with `read`; a bad one stops the process at start with status 2 and a
    /// line that names it (the same contract as ``start(name:)``).
    public func settings<T>(_ read: (SettingsSource) throws(SettingsError) -> T) -> T {
        do {
            return try read(source)
        } catch {
            logger.critical("bad setting", metadata: ["setting": "\(error.setting)", "problem": "\(error.problem)"])
            StandardError.fail("\(logger.label): \(error)\n", status: 2)
        }
    }
}
