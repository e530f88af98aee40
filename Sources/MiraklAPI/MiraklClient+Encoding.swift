#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension MiraklClient {
    /// An encoder that writes Mirakl's wire shapes back (dates as ISO 8601 with milliseconds, so a
    /// date read from Mirakl survives a round trip through a message unchanged).
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(MiraklDate.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
