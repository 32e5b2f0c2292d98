import Assay
import AssayMonitorCore
import CoreMetrics
import Foundation
import Prometheus

/// The data-quality gauges of `/metrics`, set from the store at each scrape: per check of each suite's latest run
/// its status, violations and rate; per table its score; per suite its score and its run's duration; the store's
/// size. Series of checks or tables no longer in a latest run are removed.
actor QualityMetrics {
    private let store: any ResultStore
    private let factory: PrometheusMetricsFactory
    private var meters: [Series: Meter] = [:]

    private struct Series: Hashable {
        var name: String
        var labels: [String]
    }

    init(store: any ResultStore, factory: PrometheusMetricsFactory) {
        self.store = store
        self.factory = factory
    }

    /// Sets every gauge from the store; returns whether the store could be read.
    func refresh() async -> Bool {
        var seen = Set<Series>()
        func set(_ name: String, _ labels: [(String, String)], _ value: Double) {
            let series = Series(name: name, labels: labels.flatMap { [$0.0, $0.1] })
            seen.insert(series)
            let meter = meters[series] ?? Meter(label: name, dimensions: labels, factory: factory)
            meters[series] = meter
            meter.set(value)
        }
        var up = true
        do throws(StoreError) {
            for summary in try await store.suites() {
                let card = try await store.scorecard(suite: summary.suite)
                let run = try await store.run(card.runID)
                let suite = ("suite", summary.suite)
                set(MetricNames.suiteScore, [suite], card.overallScore)
                set(MetricNames.runDuration, [suite], run.durationSeconds)
                set(MetricNames.runStarted, [suite], run.startedAt.timeIntervalSince1970)
                set(MetricNames.runExitCode, [suite], Double(run.exitCode))
                for table in card.tables {
                    set(MetricNames.tableScore, [suite, ("table", table.table)], table.score)
                }
                for result in run.results {
                    let labels = [suite, ("table", result.table), ("check", result.key.rawValue)]
                    set(MetricNames.checkStatus, labels, Double(result.status.exitCode))
                    if let violations = result.violations { set(MetricNames.checkViolations, labels, Double(violations)) }
                    if let rate = result.violationRate, rate.isFinite { set(MetricNames.checkViolationRate, labels, rate) }
                    if let rows = result.rowsChecked { set(MetricNames.checkRowsChecked, labels, Double(rows)) }
                }
            }
            set(MetricNames.storeSize, [], Double(try await store.sizeInBytes()))
            if let incidents = store as? any IncidentStore {
                let outbox = try await incidents.outboxSummary()
                for (state, count) in [("pending", outbox.pending), ("sending", outbox.sending), ("sent", outbox.sent), ("failed", outbox.failed)] {
                    set(MetricNames.outboxDeliveries, [("state", state)], Double(count))
                }
                set(MetricNames.outboxOldest, [], outbox.oldestUnsent.map { max(0, Date().timeIntervalSince($0)) } ?? 0)
                var open: [Incident] = []
                for status in [Incident.Status.open, .acknowledged, .suppressed] {
                    open += try await incidents.incidents(status: status, last: 10_000)
                }
                for severity in Severity.allCases {
                    set(MetricNames.incidentsOpen, [("severity", severity.rawValue)], Double(open.count { $0.severity == severity }))
                }
            }
        } catch {
            up = false
        }
        set(MetricNames.storeUp, [], up ? 1 : 0)
        // A failed read keeps the last values (and says so in assay_store_up); a successful one drops stale series.
        if up {
            for (series, meter) in meters where !seen.contains(series) {
                meter.destroy()
                meters[series] = nil
            }
        }
        return up
    }
}
