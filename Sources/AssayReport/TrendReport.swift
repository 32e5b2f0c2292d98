import AssayCore
import Foundation

/// Renders trends (``TrendResult``) as text (a table per suite table), JSON (their `Codable` form, snake_case) or
/// CSV (one line per table, bucket and check).
public struct TrendReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, csv
    }

    public var format: Format

    public init(format: Format) { self.format = format }

    public func render(_ trends: [TrendResult]) -> String {
        switch format {
        case .text: trends.map(Self.text).joined(separator: "\n")
        case .json: Self.json(trends)
        case .csv: Self.csv(trends)
        }
    }

    private static func json(_ trends: [TrendResult]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(trends)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func text(_ trend: TrendResult) -> String {
        var lines: [String] = []
        if let problem = trend.problem, trend.timeColumn == nil { return "\(trend.table): ERROR: \(problem)\n" }
        guard let column = trend.timeColumn else {
            return "\(trend.table): no trend: " + (trend.notTrended.first?.reason ?? "no time column") + "\n"
        }
        lines.append("\(trend.table): rows and violations by \(trend.bucket.rawValue) of \(column), \(trend.from) to \(trend.to) UTC")
        if let problem = trend.problem { lines.append("  ERROR: " + problem) }
        let headers = [trend.bucket == .day ? "day" : "hour", "rows"] + trend.checks.map(\.check)
        var rows: [[String]] = [headers]
        for point in trend.points {
            rows.append([point.start, String(point.rows)] + point.checks.map { c in
                c.rows == 0 ? "-" : "\(c.violations) (\(String(format: "%.1f", (c.rate ?? 0) * 100))%)"
            })
        }
        let widths = headers.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { i, cell in
                i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }
            lines.append("  " + cells.joined(separator: "  "))
        }
        lines.append("  rows with no date in \(column): \(trend.undatedRows)")
        if trend.checks.isEmpty { lines.append("  no row-level checks to trend") }
        for check in trend.notTrended { lines.append("  not trended: \(check.check): \(check.reason)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func csv(_ trends: [TrendResult]) -> String {
        var lines = ["table,bucket_start,rows,check_key,check,check_rows,violations,rate"]
        for trend in trends where trend.timeColumn != nil {
            for point in trend.points {
                let lead = [trend.table, point.start, String(point.rows)]
                if point.checks.isEmpty { lines.append((lead + ["", "", "", "", ""]).map(field).joined(separator: ",")) }
                for (check, count) in zip(trend.checks, point.checks) {
                    let rate = count.rate.map { $0.formatted(maxFractionDigits: 6) } ?? ""
                    lines.append((lead + [count.key.rawValue, check.check, String(count.rows), String(count.violations), rate])
                        .map(field).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
