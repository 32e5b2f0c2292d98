/// What every facet carries: who wrote it and the schema it follows (`BaseFacet`).
public struct FacetBase: Sendable, Hashable {
    public var producer: String
    public var schemaURL: String
}

/// `dataQualityMetrics` (facet 1-0-3): the rows the run evaluated and, per column, what its checks measured.
public struct DataQualityMetricsFacet: Sendable, Hashable, Encodable {
    public var base: FacetBase
    public var rowCount: Int?
    /// By column name.
    public var columnMetrics: [String: ColumnMetrics]

    public static let schemaURL = "https://openlineage.io/spec/facets/1-0-3/DataQualityMetricsInputDatasetFacet.json#/$defs/DataQualityMetricsInputDatasetFacet"

    /// One column's measurements; each is present only when a check of the run measured it.
    public struct ColumnMetrics: Sendable, Hashable, Encodable {
        public var nullCount: Int?
        public var distinctCount: Int?
        public var sum: Double?
        public var count: Double?
        public var min: Double?
        public var max: Double?
        /// By quantile (`0.5`, `0.95`).
        public var quantiles: [String: Double]?

        public init() {}

        var isEmpty: Bool { self == ColumnMetrics() }
    }

    private enum CodingKeys: String, CodingKey { case producer = "_producer", schemaURL = "_schemaURL", rowCount, columnMetrics }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(base.producer, forKey: .producer)
        try c.encode(base.schemaURL, forKey: .schemaURL)
        try c.encodeIfPresent(rowCount, forKey: .rowCount)
        try c.encode(columnMetrics, forKey: .columnMetrics)
    }
}

/// `dataQualityAssertions` (facet 1-1-0): one assertion per check of the table.
public struct DataQualityAssertionsFacet: Sendable, Hashable, Encodable {
    public var base: FacetBase
    public var assertions: [Assertion]

    public static let schemaURL = "https://openlineage.io/spec/facets/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet"

    public struct Assertion: Sendable, Hashable, Encodable {
        /// The check's kind (`not_null`, `unique`, `regex`, ...): the facet's classification of the test.
        public var assertion: String
        /// PASS only; a WARN, FAIL or ERROR check is not a success.
        public var success: Bool
        /// The check's column, when it reads exactly one.
        public var column: String?
        /// The check's severity: `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`.
        public var severity: String
        /// The check's id within its table.
        public var name: String
        public var description: String?
        public var expected: String?
        public var actual: String?
        public var params: [String: String]
    }

    private enum CodingKeys: String, CodingKey { case producer = "_producer", schemaURL = "_schemaURL", assertions }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(base.producer, forKey: .producer)
        try c.encode(base.schemaURL, forKey: .schemaURL)
        try c.encode(assertions, forKey: .assertions)
    }
}

/// `test` run facet (1-0-1): every check of the run, whatever its table.
public struct TestRunFacet: Sendable, Hashable, Encodable {
    public var base: FacetBase
    public var tests: [Test]

    public static let schemaURL = "https://openlineage.io/spec/facets/1-0-1/TestRunFacet.json#/$defs/TestRunFacet"

    public struct Test: Sendable, Hashable, Encodable {
        /// `TABLE.CHECK`.
        public var name: String
        /// `pass` for PASS; `fail` for WARN, FAIL and ERROR (issues found, or the check could not run: never a pass).
        public var status: String
        public var severity: String
        /// The check's kind.
        public var type: String
        public var description: String?
        public var expected: String?
        public var actual: String?
        /// `assay_status` (PASS, WARN, FAIL, ERROR), `dimension`, `table`.
        public var params: [String: String]
    }

    private enum CodingKeys: String, CodingKey { case producer = "_producer", schemaURL = "_schemaURL", tests }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(base.producer, forKey: .producer)
        try c.encode(base.schemaURL, forKey: .schemaURL)
        try c.encode(tests, forKey: .tests)
    }
}

/// `errorMessage` run facet (1-0-0), on a FAIL event: which checks failed or could not run.
public struct ErrorMessageRunFacet: Sendable, Hashable, Encodable {
    public var base: FacetBase
    public var message: String
    public var programmingLanguage = "Swift"

    public static let schemaURL = "https://openlineage.io/spec/facets/1-0-0/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet"

    private enum CodingKeys: String, CodingKey { case producer = "_producer", schemaURL = "_schemaURL", message, programmingLanguage }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(base.producer, forKey: .producer)
        try c.encode(base.schemaURL, forKey: .schemaURL)
        try c.encode(message, forKey: .message)
        try c.encode(programmingLanguage, forKey: .programmingLanguage)
    }
}

/// `schema` dataset facet (1-2-0): the table's columns and declared types, as the run's catalogue read them.
public struct SchemaDatasetFacet: Sendable, Hashable, Encodable {
    public var base: FacetBase
    public var fields: [Field]

    public static let schemaURL = "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet"

    public struct Field: Sendable, Hashable, Encodable {
        public var name: String
        public var type: String
        public var ordinalPosition: Int

        private enum CodingKeys: String, CodingKey { case name, type, ordinalPosition = "ordinal_position" }
    }

    private enum CodingKeys: String, CodingKey { case producer = "_producer", schemaURL = "_schemaURL", fields }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(base.producer, forKey: .producer)
        try c.encode(base.schemaURL, forKey: .schemaURL)
        try c.encode(fields, forKey: .fields)
    }
}
