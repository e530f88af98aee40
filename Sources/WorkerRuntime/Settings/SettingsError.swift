/// A setting that is missing or unusable. The process stops at start with this message, which
/// names the setting and never shows a secret's value.
public struct SettingsError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The setting's environment variable name.
    public var setting: String
    /// What is wrong with it.
    public var problem: String

    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "setting \(setting): \(problem)" }
}
