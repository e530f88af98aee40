#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Where settings come from: environment variables, then an optional settings file, with secrets
/// also readable from a file named by `NAME_FILE` (as container secrets are mounted).
///
/// The settings file (`CARREFOUR_SETTINGS_FILE`) holds `NAME=value` lines; `#` starts a comment.
/// The environment wins over the file. Every reader validates and throws a ``SettingsError`` that
/// names the variable.
public struct SettingsSource: Sendable {
    private let values: [String: String]

    /// Reads the process environment and, when `CARREFOUR_SETTINGS_FILE` names one, the settings file.
    public static func process() throws(SettingsError) -> SettingsSource {
        try SettingsSource(environment: ProcessInfo.processInfo.environment)
    }

    /// Builds a source from explicit variables (and the settings file they name, if any).
    public init(environment: [String: String]) throws(SettingsError) {
        var values: [String: String] = [:]
        if let path = environment["CARREFOUR_SETTINGS_FILE"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SettingsError(setting: "CARREFOUR_SETTINGS_FILE", problem: "cannot read \(path)")
            }
            for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.trimmingWhitespace()
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw SettingsError(setting: "CARREFOUR_SETTINGS_FILE", problem: "line \(number + 1) of \(path) is not NAME=value")
                }
                let name = line[..<equals].trimmingWhitespace()
                values[name] = line[line.index(after: equals)...].trimmingWhitespace()
            }
        }
        values.merge(environment) { _, fromEnvironment in fromEnvironment }
        self.values = values
    }

    /// A plain setting, or `nil` when unset or empty.
    public func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// A required plain setting.
    public func require(_ name: String) throws(SettingsError) -> String {
        guard let value = string(name) else { throw SettingsError(setting: name, problem: "is required") }
        return value
    }

    /// A secret: `NAME`, or the contents of the file `NAME_FILE` names (trailing newline removed).
    public func secret(_ name: String) throws(SettingsError) -> String? {
        if let path = string("\(name)_FILE") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SettingsError(setting: "\(name)_FILE", problem: "cannot read \(path)")
            }
            let value = text.trimmingWhitespaceAndNewlines()
            guard !value.isEmpty else { throw SettingsError(setting: "\(name)_FILE", problem: "\(path) is empty") }
            return value
        }
        return string(name)
    }

    /// A required secret.
    public func requireSecret(_ name: String) throws(SettingsError) -> String {
        guard let value = try secret(name) else {
            throw SettingsError(setting: name, problem: "is required (set \(name) or \(name)_FILE)")
        }
        return value
    }

    /// A whole number within `range`.
    public func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
        guard let text = string(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw SettingsError(setting: name, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }

    /// `true`/`false` (also `yes`/`no`, `1`/`0`).
    public func bool(_ name: String, default fallback: Bool) throws(SettingsError) -> Bool {
        guard let text = string(name)?.lowercased() else { return fallback }
        switch text {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: throw SettingsError(setting: name, problem: "must be true or false, not \(text)")
        }
    }

    /// A duration such as `250ms`, `5s`, `6m`, `1h` (a bare number is seconds), at least `minimum`.
    public func duration(_ name: String, default fallback: Duration, minimum: Duration = .zero) throws(SettingsError) -> Duration {
        guard let text = string(name) else { return fallback }
        guard let value = Self.parseDuration(text) else {
            throw SettingsError(setting: name, problem: "must be a duration like 500ms, 30s, 6m or 1h, not \(text)")
        }
        guard value >= minimum else {
            throw SettingsError(setting: name, problem: "must be at least \(Self.format(minimum)), not \(text)")
        }
        return value
    }

    /// A comma-separated list of durations, each at least `minimum`.
    public func durations(_ name: String, default fallback: [Duration], minimum: Duration = .zero) throws(SettingsError) -> [Duration] {
        guard let text = string(name) else { return fallback }
        var result: [Duration] = []
        for part in text.split(separator: ",") {
            let item = part.trimmingWhitespace()
            guard let value = Self.parseDuration(item), value >= minimum else {
                throw SettingsError(setting: name, problem: "must be a comma-separated list of durations of at least \(Self.format(minimum)), not \(text)")
            }
            result.append(value)
        }
        guard !result.isEmpty else { throw SettingsError(setting: name, problem: "must list at least one duration") }
        return result
    }

    /// Parses `250ms`, `5s`, `6m`, `1h`, `2d` or a bare number of seconds (fractions allowed).
    public static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite else { return nil }
            return .milliseconds(Int64((number * factor * 1000).rounded()))
        }
        guard let seconds = Double(text), seconds >= 0, seconds.isFinite else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// A short human form of a duration (`1m30s`, `250ms`).
    public static func format(_ duration: Duration) -> String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if ms < 1000 { return "\(ms)ms" }
        if ms % 1000 != 0 { return DecimalFormat.format(Double(ms) / 1000, "%.1f") + "s" }
        let s = ms / 1000
        if s < 60 { return "\(s)s" }
        if s < 3600 { return s % 60 == 0 ? "\(s / 60)m" : "\(s / 60)m\(s % 60)s" }
        return s % 3600 == 0 ? "\(s / 3600)h" : "\(s / 3600)h\((s % 3600) / 60)m"
    }
}
