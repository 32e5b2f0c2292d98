import AssayCore
import CoreMetrics
import Foundation

/// What the monitor says about itself on `/metrics` (through the factory the server exposes): how long each job's
/// checks take, rows checked per poll, how far each incremental table's watermark is behind, detection time, the
/// last successful check of each table, and alerts sent, retried and failed per channel.
public struct MonitorMetrics: Sendable {
    let factory: any MetricsFactory

    public static let checkSeconds = "assay_monitor_check_duration_seconds"
    public static let pollRows = "assay_monitor_poll_rows"
    public static let rowsChecked = "assay_monitor_rows_checked_total"
    public static let watermarkLag = "assay_monitor_watermark_lag_seconds"
    public static let detectionSeconds = "assay_monitor_detection_seconds"
    public static let lastSuccess = "assay_monitor_last_success_timestamp_seconds"
    public static let alerts = "assay_monitor_alerts_total"

    /// The help texts of these metrics, for the exposition.
    public static let help: [String: String] = [
        checkSeconds: "Time a monitor job (a scheduled run or an incremental poll) took, by suite and job.",
        pollRows: "Rows one incremental poll checked, by table.",
        rowsChecked: "Rows the incremental polls checked, by table.",
        watermarkLag: "Seconds between now and the newest row an incremental table's polls have checked, by table.",
        detectionSeconds: "Seconds from the oldest bad row's timestamp to the incident, by severity.",
        lastSuccess: "When the monitor last checked the table without an ERROR, in seconds since 1970 UTC.",
        alerts: "Alert messages by channel and outcome (sent, retried, failed).",
    ]

    public init(factory: any MetricsFactory) { self.factory = factory }

    func job(_ name: String, suite: String, seconds: Double) {
        Timer(label: Self.checkSeconds, dimensions: [("suite", suite), ("job", name)], factory: factory).recordSeconds(seconds)
    }

    func poll(table: String, rows: Int, watermark: Watermark, now: Date) {
        Recorder(label: Self.pollRows, dimensions: [("table", table)], aggregate: true, factory: factory).record(rows)
        Counter(label: Self.rowsChecked, dimensions: [("table", table)], factory: factory).increment(by: rows)
        if let newest = watermark.newestInstant {
            Gauge(label: Self.watermarkLag, dimensions: [("table", table)], factory: factory).record(max(0, now.timeIntervalSince(newest)))
        }
    }

    /// Marks the tables of a run whose checks had no ERROR as checked successfully when the run finished.
    func succeeded(_ result: SuiteResult) {
        let failed = Set(result.results.filter { $0.status == .error }.map(\.table))
        for table in Set(result.results.map(\.table)).subtracting(failed) {
            Gauge(label: Self.lastSuccess, dimensions: [("table", table)], factory: factory).record(result.finishedAt.timeIntervalSince1970)
        }
    }

    func detected(after seconds: Double, severity: Severity) {
        Timer(label: Self.detectionSeconds, dimensions: [("severity", severity.rawValue)], factory: factory).recordSeconds(seconds)
    }

    func alert(channel: String, outcome: String, count: Int) {
        guard count > 0 else { return }
        Counter(label: Self.alerts, dimensions: [("channel", channel), ("outcome", outcome)], factory: factory).increment(by: count)
    }
}
