/// The stored and reported form of a result: snake_case keys, every key present (null when it does not apply).
extension CheckResult: Codable {
    private enum Key: String, CodingKey {
        case key, fingerprint, table, check, kind, columns, status, severity, dimension
        case rowsChecked = "rows_checked", valuesChecked = "values_checked", violations
        case violationRate = "violation_rate", observed, observedValue = "observed_value", observedValues = "observed_values"
        case metrics, thresholds, message, sample, origin, failure
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(key, forKey: .key)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(table, forKey: .table)
        try c.encode(check, forKey: .check)
        try c.encode(kind, forKey: .kind)
        try c.encode(columns, forKey: .columns)
        try c.encode(status, forKey: .status)
        try c.encode(severity, forKey: .severity)
        try c.encode(dimension, forKey: .dimension)
        try c.encode(rowsChecked, forKey: .rowsChecked)
        try c.encode(valuesChecked, forKey: .valuesChecked)
        try c.encode(violations, forKey: .violations)
        try c.encode(violationRate, forKey: .violationRate)
        try c.encode(observed.flatMap { $0.isFinite ? $0 : nil }, forKey: .observed)
        try c.encode(observedValue, forKey: .observedValue)
        try c.encode(observedValues, forKey: .observedValues)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(thresholds, forKey: .thresholds)
        try c.encode(message, forKey: .message)
        try c.encode(sample, forKey: .sample)
        try c.encode(origin, forKey: .origin)
        try c.encode(failure, forKey: .failure)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        key = try c.decode(CheckKey.self, forKey: .key)
        fingerprint = try c.decode(CheckFingerprint.self, forKey: .fingerprint)
        table = try c.decode(String.self, forKey: .table)
        check = try c.decode(String.self, forKey: .check)
        kind = try c.decode(CheckKind.Name.self, forKey: .kind)
        columns = try c.decode([String].self, forKey: .columns)
        status = try c.decode(CheckStatus.self, forKey: .status)
        severity = try c.decode(Severity.self, forKey: .severity)
        dimension = try c.decode(Dimension.self, forKey: .dimension)
        rowsChecked = try c.decodeIfPresent(Int.self, forKey: .rowsChecked)
        valuesChecked = try c.decodeIfPresent(Int.self, forKey: .valuesChecked)
        violations = try c.decodeIfPresent(Int.self, forKey: .violations)
        violationRate = try c.decodeIfPresent(Double.self, forKey: .violationRate)
        observed = try c.decodeIfPresent(Double.self, forKey: .observed)
        observedValue = try c.decodeIfPresent(SQLValue.self, forKey: .observedValue)
        observedValues = try c.decodeIfPresent([SQLValue].self, forKey: .observedValues)
        metrics = try c.decodeIfPresent([String: SQLValue].self, forKey: .metrics) ?? [:]
        thresholds = try c.decode(Thresholds.self, forKey: .thresholds)
        message = try c.decode(String.self, forKey: .message)
        sample = try c.decodeIfPresent(SampleRows.self, forKey: .sample)
        origin = try c.decodeIfPresent(CheckOrigin.self, forKey: .origin)
        failure = try c.decodeIfPresent(RunFailure.Reference.self, forKey: .failure)
    }
}
