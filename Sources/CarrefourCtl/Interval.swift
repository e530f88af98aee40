import ArgumentParser

/// A refresh interval written as `500ms`, `2s` or `1m` (a bare number is seconds).
struct Interval: ExpressibleByArgument, Sendable {
    let duration: Duration
    /// How the interval was written (shown as the default in `--help`).
    let defaultValueDescription: String

    init(seconds: Int64) {
        duration = .seconds(seconds)
        defaultValueDescription = "\(seconds)s"
    }

    init?(argument: String) {
        let units: [(suffix: String, milliseconds: Double)] = [("ms", 1), ("s", 1000), ("m", 60_000)]
        var text = argument
        var scale = 1000.0
        for unit in units where text.hasSuffix(unit.suffix) {
            text.removeLast(unit.suffix.count)
            scale = unit.milliseconds
            break
        }
        guard let value = Double(text), value > 0, value * scale >= 1 else { return nil }
        duration = .milliseconds(Int64(value * scale))
        defaultValueDescription = argument
    }
}
