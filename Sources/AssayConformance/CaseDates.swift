import AssayCore
import Foundation

/// Reads the date spellings the cases use the way `pandas.to_datetime` does, into ISO-8601 text.
enum CaseDates {
    private static let formats = [
        "MMM dd yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss", "M/d/yyyy", "M/d/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
        "yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy/MM/dd", "dd MMM yyyy",
    ]

    static func timestamp(_ text: String) -> String? {
        if let parsed = TemporalText.parseTimestamp(text) { return parsed.description }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return CivilDateTime(epochSeconds: date.timeIntervalSince1970).description
            }
        }
        return nil
    }
}
