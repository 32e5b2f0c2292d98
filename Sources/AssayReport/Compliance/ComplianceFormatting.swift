import AssayCore
import AssayMonitorCore
import Foundation

/// How the compliance renderers write numbers and instants: fixed decimals and UTC instants to the millisecond, so
/// the same report renders to the same bytes on every run.
package enum ComplianceFormatting {
    /// A percentage with two decimals (`98.96`), or `no data`.
    package static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "no data"
    }

    /// A duration as the largest fitting units (`0s`, `45s`, `12m 30s`, `3h 05m`, `2d 04h`), or `-`.
    package static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        let total = Int(seconds.rounded())
        let (days, hours, minutes, secs) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if days > 0 { return "\(days)d \(two(hours))h" }
        if hours > 0 { return "\(hours)h \(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m \(two(secs))s" }
        return "\(secs)s"
    }

    package static func instant(_ date: Date?) -> String { date.map(InstantText.string) ?? "" }

    /// A count that may be unknown (`nil`: the store keeps no remediation log).
    package static func count(_ value: Int?) -> String { value.map(String.init) ?? "-" }
}
