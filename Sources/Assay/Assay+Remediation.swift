import AssayStore
import Foundation

/// What `assay remediate` asks for: a run of the suite, then remediation of its failed checks.
public struct RemediationRequest: Sendable {
    public var check: CheckRequest
    /// The write connection, instead of the suite's `remediation: {writer:}`.
    public var writer: String?
    /// Change rows; otherwise a dry run says what would change.
    public var apply: Bool
    /// Only these checks (id, `table.id` or key), whatever their status; `nil`: every failed check with an action.
    public var checks: Set<String>?
    public var actor: String

    public init(check: CheckRequest, writer: String? = nil, apply: Bool = false, checks: Set<String>? = nil, actor: String = "assay remediate") {
        self.check = check
        self.writer = writer
        self.apply = apply
        self.checks = checks
        self.actor = actor
    }
}

/// The run remediation looked at, and what it did (or would do) per check.
public struct RemediationReport: Sendable {
    public var suite: Suite
    public var result: SuiteResult
    public var outcomes: [RemediationOutcome]
    /// What the fix rules did (or, in a dry run, would do) per check with `fix:`, before any move.
    public var fixes: [FixOutcome]
    public var applied: Bool
    /// The write connection, without its password (when applying).
    public var writer: String?
    /// Why the run could not be recorded, in a dry run (applying needs the store and stops without it).
    public var storeError: StoreError?
}

extension Assay {
    /// Runs the suite (read-only), then fixes the rows of its failed checks that have `fix:` (see docs/fixes.md) and
    /// remediates its failed checks that have an action: a dry run on the source,
    /// or, with `apply`, each action in one verified transaction on the write connection, entered in the store's
    /// audit log with the check's incident. Applying records the run first and changes no row when it cannot.
    /// - Throws: ``AssayError`` for an invalid suite, a source that cannot be opened, and, when applying, no write
    ///   connection, no store, or a store that cannot record the run.
    public static func remediate(_ request: RemediationRequest) async throws(AssayError) -> RemediationReport {
        let suite = try load(request.check)
        let source = try openSource(for: suite, override: request.check.source, trace: request.check.trace)
        let engine = RunEngine(source: source, options: request.check.options, clock: request.check.clock, logger: request.check.logger)
        let settings = suite.remediation ?? RemediationSettings()
        var writer: (any RowWriter)?
        if request.apply {
            guard let url = request.writer ?? settings.writer else {
                throw AssayError(RemediationError(.noWriter, "no write connection: remediation writes only through one configured apart from the source (--writer URL, $ASSAY_WRITER_URL, or remediation: {writer: URL} in the suite); without --apply it is a dry run"))
            }
            do throws(RemediationError) { writer = try WriterFactory.open(url, limits: suite.limits) } catch { throw AssayError(error) }
            guard request.check.store.url(for: suite) != nil else {
                throw AssayError(RemediationError(.noWriter, "applying remediation needs a history store for its audit log: give --store or store: in the suite"))
            }
        }
        if let names = request.checks { try Self.requireRemediable(names, in: suite) }
        var prepared = PreparedSuite(suite)
        let result = await engine.run(&prepared, context: request.check.context)
        let targets = RemediationTarget.select(from: result, prepared: prepared, only: request.checks)
        let fixTargets = FixableCheck.select(from: result, prepared: prepared, only: request.checks)
        let remediator = Remediator(settings: settings), fixer = FixApplier(settings: settings)
        guard let writer, let storeURL = request.check.store.url(for: suite) else {
            let catalogue = prepared
            let (fixes, outcomes) = await source.open {
                var fixes: [FixOutcome] = []
                for target in fixTargets { fixes.append(await fixer.preview(target, on: source, columns: catalogue.columns(of: target.table) ?? [])) }
                var outcomes: [RemediationOutcome] = []
                for target in targets { outcomes.append(await remediator.preview(target, on: source, columns: catalogue.columns(of: target.table))) }
                return (fixes, outcomes)
            }
            let storeError = await record(result, suite: suite, in: request.check.store)
            return RemediationReport(suite: suite, result: result, outcomes: outcomes, fixes: fixes, applied: false, storeError: storeError)
        }
        let at = request.check.clock.now()
        do throws(StoreError) {
            let (fixes, outcomes) = try await StoreFactory.withStore(storeURL) { store throws(StoreError) -> ([FixOutcome], [RemediationOutcome]) in
                try await store.record(result)
                guard let log = store as? any RemediationLog else { throw StoreError(.invalidURL, "this store keeps no audit log") }
                let audited = AuditedRemediation(remediator: remediator, writer: writer, log: log, incidents: store as? any IncidentStore, actor: request.actor)
                let fixes = await audited.fix(fixTargets, with: fixer, suite: suite.name, run: result.runID, at: at)
                return (fixes, await audited.apply(targets, suite: suite.name, run: result.runID, at: at))
            }
            return RemediationReport(suite: suite, result: result, outcomes: outcomes, fixes: fixes, applied: true, writer: writer.displayName)
        } catch {
            throw AssayError(error)
        }
    }

    /// Every name `--check` gives must be a check (id, `table.id` or key) with a remediation action or `fix:`.
    private static func requireRemediable(_ names: Set<String>, in suite: Suite) throws(AssayError) {
        var known: [String] = []
        for table in suite.tables {
            for check in table.checks where check.remediation?.action != nil || check.fix != nil {
                known += [check.id, "\(table.name).\(check.id)", check.key(in: table).rawValue]
            }
        }
        for name in names.sorted() where !known.contains(name) {
            let ids = suite.tables.flatMap { t in t.checks.filter { $0.remediation?.action != nil || $0.fix != nil }.map { "\(t.name).\($0.id)" } }
            throw AssayError(ConfigError(.invalidValue, "--check \(name): no check of the suite by that name has a remediation action or fix:"
                + Suggestion.hint(for: name, in: ids) + (ids.isEmpty ? " (none has)" : " (those that do: \(ids.joined(separator: ", ")))"), at: nil))
        }
    }
}
