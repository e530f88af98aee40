import Foundation

/// Runs `scripts/contract/validate.py` through `python3` with records on its standard input.
enum ContractValidatorProcess {
    static func run(input: String) async throws -> ContractReport {
        let script = PackagePaths.root.appendingPathComponent("scripts/contract/validate.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        let finished = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished.continuation.yield($0.terminationStatus) }
        do {
            try process.run()
        } catch {
            throw ContractError.launchFailed(String(describing: error))
        }
        let reader = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = await reader.value
        var status: Int32 = -1
        for await code in finished.stream {
            status = code
            break
        }
        return ContractReport(exitCode: status, output: String(decoding: output, as: UTF8.self))
    }
}
