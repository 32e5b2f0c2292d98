import AssayCore
import Foundation

/// Builds a run's OpenLineage events; pure (no I/O, no clock: instants come in).
///
/// - START, when the run begins: the job, the run id, and one input dataset per table the suite reads.
/// - At the end, FAIL when any check FAILed or could not run (ERROR), with an `errorMessage` run facet naming them (as
///   openlineage-dbt reports a run whose tests failed); COMPLETE otherwise (WARN included). The end event carries the
///   `test` run facet (every check) and, per table, the `dataQualityMetrics` and `dataQualityAssertions` input facets
///   and the `schema` facet (when the run read the table's columns).
///
/// The run id is Assay's own (a UUID version 7), so START and its end event match, and an event emitted again for
/// the same run is recognisably the same run.
///
/// ```swift
/// let events = EventBuilder(namespace: "assay", workingDirectory: "/srv")
/// let start = events.start(id: result.runID, suite: suite, source: result.source, at: result.startedAt)
/// let end = events.end(result, suite: suite, schemas: prepared.schemas)
/// ```
public struct EventBuilder: Sendable {
    /// The job's namespace.
    public var namespace: String
    /// The `producer` and every facet's `_producer`.
    public var producer: String
    /// What a relative SQLite path is relative to.
    public var workingDirectory: String

    /// The producer URI: Assay's version.
    public static let defaultProducer = "https://github.com/assay-data/assay/releases/tag/v\(AssayVersion.current)"

    public init(namespace: String = "assay", producer: String = EventBuilder.defaultProducer, workingDirectory: String) {
        self.namespace = namespace
        self.producer = producer
        self.workingDirectory = workingDirectory
    }

    /// The START event of run `id`.
    public func start(id: RunID, suite: Suite, source: String, at instant: Date) -> RunEvent {
        RunEvent(eventType: .start, eventTime: instant, producer: producer, schemaURL: RunEvent.schemaURL,
                 run: RunEvent.Run(runId: id.rawValue, facets: RunEvent.RunFacets()),
                 job: RunEvent.Job(namespace: namespace, name: suite.name),
                 inputs: Self.tableNames(suite).map { table in
                     let dataset = DatasetName(table: table, source: source, schema: nil, workingDirectory: workingDirectory)
                     return RunEvent.InputDataset(namespace: dataset.namespace, name: dataset.name, facets: RunEvent.DatasetFacets(),
                                                  inputFacets: RunEvent.InputFacets())
                 })
    }

    /// The end event of `result`: COMPLETE, or FAIL when a check failed or could not run.
    /// - Parameter schemas: the tables' columns as the run read them (``PreparedSuite/schemas``); may be empty.
    public func end(_ result: SuiteResult, suite: Suite, schemas: [String: TableSchema]) -> RunEvent {
        let failed = result.results.filter { $0.status == .fail }
        let errors = result.results.filter { $0.status == .error }
        let tests = result.results.map { result in test(result, check: Self.check(of: result, in: suite)) }
        var facets = RunEvent.RunFacets(test: TestRunFacet(base: base(TestRunFacet.schemaURL), tests: tests))
        if !failed.isEmpty || !errors.isEmpty {
            facets.errorMessage = ErrorMessageRunFacet(base: base(ErrorMessageRunFacet.schemaURL), message: Self.failureMessage(result, failed: failed, errors: errors))
        }
        let inputs = Self.tableNames(suite).map { table in
            let results = result.results.filter { $0.table == table }
            let schema = schemas[table]
            let dataset = DatasetName(table: table, source: result.source, schema: schema?.databaseSchema, workingDirectory: workingDirectory)
            var input = RunEvent.InputDataset(namespace: dataset.namespace, name: dataset.name, facets: RunEvent.DatasetFacets(),
                                              inputFacets: RunEvent.InputFacets())
            if let schema {
                input.facets.schema = SchemaDatasetFacet(base: base(SchemaDatasetFacet.schemaURL), fields: schema.columns.enumerated().map {
                    SchemaDatasetFacet.Field(name: $0.element.name, type: $0.element.declaredType, ordinalPosition: $0.offset + 1)
                })
            }
            if !results.isEmpty {
                let measured = TableMeasurements(table: suite.tables.first { $0.name == table }, results: results, schema: schema)
                input.inputFacets.dataQualityMetrics = DataQualityMetricsFacet(base: base(DataQualityMetricsFacet.schemaURL), rowCount: measured.rowCount,
                                                                               columnMetrics: measured.columns)
                let assertions = results.map { result in assertion(result, check: Self.check(of: result, in: suite)) }
                input.inputFacets.dataQualityAssertions = DataQualityAssertionsFacet(base: base(DataQualityAssertionsFacet.schemaURL), assertions: assertions)
            }
            return input
        }
        return RunEvent(eventType: failed.isEmpty && errors.isEmpty ? .complete : .fail, eventTime: result.finishedAt, producer: producer,
                        schemaURL: RunEvent.schemaURL, run: RunEvent.Run(runId: result.runID.rawValue, facets: facets),
                        job: RunEvent.Job(namespace: namespace, name: suite.name), inputs: inputs)
    }

    private func base(_ schemaURL: String) -> FacetBase { FacetBase(producer: producer, schemaURL: schemaURL) }

    /// The check a result is of.
    private static func check(of result: CheckResult, in suite: Suite) -> Check? {
        suite.tables.first { $0.name == result.table }?.checks.first { $0.id == result.check }
    }

    private func test(_ result: CheckResult, check: Check?) -> TestRunFacet.Test {
        TestRunFacet.Test(name: "\(result.table).\(result.check)", status: result.status == .pass ? "pass" : "fail",
                          severity: result.severity.rawValue, type: result.kind.rawValue, description: check?.description,
                          expected: Self.expected(result), actual: Self.actual(result),
                          params: ["assay_status": result.status.rawValue, "table": result.table, "dimension": result.dimension.rawValue])
    }

    private func assertion(_ result: CheckResult, check: Check?) -> DataQualityAssertionsFacet.Assertion {
        DataQualityAssertionsFacet.Assertion(assertion: result.kind.rawValue, success: result.status == .pass,
                                             column: result.columns.count == 1 ? result.columns[0] : nil, severity: result.severity.rawValue,
                                             name: result.check, description: check?.description, expected: Self.expected(result),
                                             actual: Self.actual(result), params: ["assay_status": result.status.rawValue,
                                                                                   "dimension": result.dimension.rawValue])
    }

    private static func expected(_ result: CheckResult) -> String? {
        if case .none = result.thresholds { return nil }
        return result.thresholds.description
    }

    /// What the check measured, as the report says it (values of personal data already masked); an ERROR's cause.
    private static func actual(_ result: CheckResult) -> String? {
        if result.status == .error { return result.message }
        if let violations = result.violations { return "\(violations) violations" + (result.rowsChecked.map { " in \($0) rows" } ?? "") }
        if let value = result.observedValue { return value.description }
        if let observed = result.observed, observed.isFinite { return observed.formatted(maxFractionDigits: 6) }
        return result.message
    }

    /// `2 checks failed: customers.email_format, accounts.balance_range; 1 check could not run: ...`.
    static func failureMessage(_ result: SuiteResult, failed: [CheckResult], errors: [CheckResult]) -> String {
        func names(_ results: [CheckResult]) -> String {
            let shown = results.prefix(20).map { "\($0.table).\($0.check)" }.joined(separator: ", ")
            return results.count > 20 ? shown + " and \(results.count - 20) more" : shown
        }
        var parts: [String] = []
        if !failed.isEmpty { parts.append("\(failed.count) \(failed.count == 1 ? "check" : "checks") failed: \(names(failed))") }
        if !errors.isEmpty { parts.append("\(errors.count) \(errors.count == 1 ? "check" : "checks") could not run: \(names(errors))") }
        if let source = result.sourceFailure { parts.append("the source failed: \(source.message)") }
        return parts.joined(separator: "; ")
    }

    /// The tables the run reads, in suite order: the suite's own, then those its referential checks name.
    static func tableNames(_ suite: Suite) -> [String] {
        var names = suite.tables.map(\.name)
        for table in suite.tables {
            for check in table.checks {
                if case .references(_, let parent, _) = check.kind, !names.contains(parent) { names.append(parent) }
            }
        }
        return names
    }
}
