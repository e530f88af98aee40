/// The outcome of one validator run.
public struct ContractReport: Sendable, CustomStringConvertible {
    /// The validator's exit status: 0 when every record passed.
    public let exitCode: Int32
    /// The validator's output: one `PASS`/`FAIL` line per record and a summary line.
    public let output: String

    /// Whether every record passed.
    public var passed: Bool { exitCode == 0 }

    /// The `FAIL` lines.
    public var failures: [String] {
        output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }.map(String.init)
    }

    /// The `PASS` lines.
    public var passes: [String] {
        output.split(separator: "\n").filter { $0.hasPrefix("PASS") }.map(String.init)
    }

    /// The output, for test failure messages.
    public var description: String { output }
}
