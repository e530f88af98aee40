#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// Parses the three HTTP-date forms RFC 9110 §5.6.7 says a recipient must accept:
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
/// asctime (`Sun Nov  6 08:49:37 1994`). Pure arithmetic: no locale, no formatter state.
enum HTTPDate {
    /// The instant `text` names, or `nil` when it is in none of the three forms.
    static func parse(_ text: String) -> Date? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let fields: (day: Int, month: Int, year: Int, time: String)?
        switch words.count {
        case 6 where words[5] == "GMT" && words[0].hasSuffix(","):
            // IMF-fixdate: wkday "," SP day SP month SP year SP time SP "GMT"
            guard let day = Int(words[1]), let month = monthNumber(words[2]), let year = Int(words[3]),
                words[3].count == 4
            else { return nil }
            fields = (day, month, year, words[4])
        case 4 where words[3] == "GMT" && words[0].hasSuffix(","):
            // RFC 850: weekday "," SP dd-mon-yy SP time SP "GMT"; two-digit years per RFC 9110 §5.6.7
            // are read as the most recent year ending so that is not more than 50 years ahead.
            let parts = words[1].split(separator: "-").map(String.init)
            guard parts.count == 3, let day = Int(parts[0]), let month = monthNumber(parts[1]),
                let shortYear = Int(parts[2]), parts[2].count == 2
            else { return nil }
            fields = (day, month, centuryYear(shortYear), words[2])
        case 5:
            // asctime: wkday SP month SP ( 2DIGIT / ( SP DIGIT )) SP time SP year
            guard let month = monthNumber(words[1]), let day = Int(words[2]), let year = Int(words[4]) else {
                return nil
            }
            fields = (day, month, year, words[3])
        default:
            fields = nil
        }
        guard let fields, (1...31).contains(fields.day) else { return nil }
        let clock = fields.time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...60).contains(clock[2])
        else { return nil }
        let days = daysSinceEpoch(year: fields.year, month: fields.month, day: fields.day)
        let seconds = days * 86_400 + clock[0] * 3_600 + clock[1] * 60 + clock[2]
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    private static func centuryYear(_ shortYear: Int) -> Int {
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        var year = currentYear - currentYear % 100 + shortYear
        if year > currentYear + 50 { year -= 100 }
        return year
    }

    /// Days from 1970-01-01 to the given civil date (proleptic Gregorian; Howard Hinnant's
    /// `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
