import Foundation

extension Assay {
    /// SLA compliance of a suite's checks over a period, computed from the store's history (docs/compliance.md):
    /// per check its target, the share of runs that passed and of time in compliance, its incidents with MTTD and MTTR,
    /// rows quarantined and fixed (when the store keeps a remediation log), MEETING, FAILING or NO DATA; and a summary.
    /// The same store and period give the same report.
    ///
    /// ```swift
    /// let period = try CompliancePeriod.parse(from: "2026-01-01", to: "2026-03-31")
    /// let report = try await Assay.compliance(storeURL: "sqlite:assay.db", period: period, suite: suite)
    /// print(ComplianceFormat.csv.render(report))
    /// ```
    /// - Parameters:
    ///   - store: the history store.
    ///   - period: the period; the part after `asOf` is not measured.
    ///   - suite: the suite, for its checks (each one a rule, with or without runs), severities, descriptions and targets;
    ///     without it the rules are the checks recorded in the period, with their recorded severities.
    ///   - suiteName: whose runs to read (default: the suite's name, else the suite of the store's latest run).
    ///   - asOf: the report's "now".
    /// - Throws: ``ComplianceError``: `invalidPeriod` for a period that has not started, `emptyStore`, `notFound` for a
    ///   suite without runs in the store, `storeUnavailable`.
    public static func compliance(store: any ResultStore, period: CompliancePeriod, suite: Suite? = nil, suiteName: String? = nil,
                                  asOf: Date = Date()) async throws(ComplianceError) -> ComplianceReport {
        guard let history = store as? any ComplianceStore else {
            throw ComplianceError(.storeUnavailable, "this store cannot compute compliance (it is neither a SQLite nor a PostgreSQL store)")
        }
        let measured: CompliancePeriod
        do throws(CompliancePeriod.Invalid) { measured = try period.measured(asOf: asOf) } catch { throw ComplianceError(error) }
        let suites = try await stored { () throws(StoreError) in try await store.suites() }
        guard let latest = suites.first else {
            throw ComplianceError(.emptyStore, "the store has no runs: record some with `assay check` or `assay monitor` first")
        }
        let name = suiteName ?? suite?.name ?? latest.suite
        guard suites.contains(where: { $0.suite == name }) else {
            throw ComplianceError(.notFound, "the store has no run of suite '\(name)'\(Suggestion.hint(for: name, in: suites.map(\.suite)))"
                + " (suites: \(suites.map(\.suite).joined(separator: ", ")))")
        }
        let timelines = try await stored { () throws(StoreError) in try await history.complianceTimelines(suite: name, period: measured) }
        let incidents = try await stored { () throws(StoreError) in try await history.complianceIncidents(suite: name, period: period) }
        // The remediation log's totals, from a store that keeps one (the store's remediation log, migration v6).
        let remediation = try await stored { () throws(StoreError) in
            try await (store as? any RemediationLog)?.remediationTotals(
                suite: name, from: Date(timeIntervalSince1970: Double(period.fromMilliseconds) / 1000),
                to: Date(timeIntervalSince1970: Double(period.toMilliseconds) / 1000)
            ).mapValues { RemediationCount(quarantined: $0.quarantined, fixed: $0.fixed) }
        }
        let calculator = ComplianceCalculator(suite: name, period: period, measured: measured,
                                              rules: suite.map(ComplianceRuleSpec.rules(of:)), targets: suite?.compliance ?? ComplianceTargets())
        return calculator.report(timelines: timelines, incidents: incidents, remediation: remediation)
    }

    /// As ``compliance(store:period:suite:suiteName:asOf:)``, on the store `storeURL` names (opened for the call).
    /// - Throws: ``ComplianceError``; `storeUnavailable` also for a store that cannot be opened.
    public static func compliance(storeURL: String, period: CompliancePeriod, suite: Suite? = nil, suiteName: String? = nil,
                                  asOf: Date = Date()) async throws(ComplianceError) -> ComplianceReport {
        var failure: ComplianceError?
        let report = try await stored { () throws(StoreError) in
            try await StoreFactory.withStore(storeURL) { store throws(StoreError) -> ComplianceReport? in
                do throws(ComplianceError) {
                    return try await compliance(store: store, period: period, suite: suite, suiteName: suiteName, asOf: asOf)
                } catch {
                    failure = error
                    return nil
                }
            }
        }
        guard let report else { throw failure ?? ComplianceError(.storeUnavailable, "the store \(SourceURL.redacted(storeURL)) gave no report") }
        return report
    }

    private static func stored<T>(_ body: () async throws(StoreError) -> T) async throws(ComplianceError) -> T {
        do throws(StoreError) { return try await body() } catch { throw ComplianceError(error) }
    }
}
