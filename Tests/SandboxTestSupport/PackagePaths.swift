public import Foundation

/// Where the package and the published specs are, for tests.
public enum PackagePaths {
    /// The package root (this file is `Tests/SandboxTestSupport/PackagePaths.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of the published OpenAPI files: `$CONTRACT_SPECS_DIR`, else `shared/specs`
    /// beside the package (as CI lays it out), else `/work/shared/specs`.
    /// - Throws: `ContractError.specsNotFound` when none exists.
    public static func specsDirectory() throws -> URL {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["CONTRACT_SPECS_DIR"] {
            candidates.append(fromEnvironment)
        }
        candidates.append(root.deletingLastPathComponent().appendingPathComponent("shared/specs").path)
        candidates.append("/work/shared/specs")
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/mirakl") {
            return URL(fileURLWithPath: candidate)
        }
        throw ContractError.specsNotFound(candidates)
    }

    /// The Mirakl seller (MMP) OpenAPI file.
    public static func miraklSellerSpec() throws -> String {
        try specsDirectory().appendingPathComponent("mirakl/mirakl-mmp-seller-openapi.json").path
    }
}
