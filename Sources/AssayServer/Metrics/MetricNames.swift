/// The metrics `/metrics` exposes, with their help texts (swift-metrics carries none; the exposition adds them).
enum MetricNames {
    static let checkStatus = "assay_check_status"
    static let checkViolations = "assay_check_violations"
    static let checkViolationRate = "assay_check_violation_rate"
    static let checkRowsChecked = "assay_check_rows_checked"
    static let tableScore = "assay_table_score"
    static let suiteScore = "assay_suite_score"
    static let runDuration = "assay_run_duration_seconds"
    static let runStarted = "assay_run_last_started_timestamp_seconds"
    static let runExitCode = "assay_run_exit_code"
    static let storeSize = "assay_store_size_bytes"
    static let storeUp = "assay_store_up"
    static let incidentsOpen = "assay_incidents_open"
    static let outboxDeliveries = "assay_outbox_deliveries"
    static let outboxOldest = "assay_outbox_oldest_unsent_age_seconds"
    static let httpRequests = "assay_http_requests_total"
    static let httpDuration = "assay_http_request_duration_seconds"

    static let help: [String: String] = [
        checkStatus: "Status of the check in the suite's latest run: 0 PASS, 1 WARN, 2 FAIL, 3 ERROR.",
        checkViolations: "Rows or values violating the check in the latest run (checks that count violations).",
        checkViolationRate: "Violating share (0 to 1) of the rows or values the check examined in the latest run.",
        checkRowsChecked: "Rows the check examined in the latest run.",
        tableScore: "Quality score (0 to 100) of the table in the suite's latest run.",
        suiteScore: "Mean quality score (0 to 100) of the suite's tables in its latest run.",
        runDuration: "Duration of the suite's latest run in seconds.",
        runStarted: "Start of the suite's latest run, in seconds since 1970 UTC.",
        runExitCode: "Exit status of the suite's latest run: 0 pass, 1 warn, 2 fail, 3 error.",
        storeSize: "Size of the history store in bytes.",
        storeUp: "1 when the history store could be read at this scrape, else 0.",
        incidentsOpen: "Incidents not resolved (open, acknowledged or suppressed), by severity.",
        outboxDeliveries: "Alert deliveries in the outbox, by state (pending, sending, sent, failed).",
        outboxOldest: "Age in seconds of the oldest alert delivery not yet sent (0 when none).",
        httpRequests: "HTTP requests answered, by route and status.",
        httpDuration: "Time to answer an HTTP request, by route.",
    ]

    /// The exposition text with a `# HELP` line before each family this server knows.
    /// - Parameter extra: help texts of metrics recorded elsewhere in the process.
    static func annotate(_ exposition: String, extra: [String: String] = [:]) -> String {
        var out = ""
        out.reserveCapacity(exposition.utf8.count + 2_048)
        for line in exposition.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first, let text = help[String(name)] ?? extra[String(name)] {
                out += "# HELP \(name) \(text)\n"
            }
            out += line
            out += "\n"
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}
