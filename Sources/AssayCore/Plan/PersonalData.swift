/// Decides which columns hold personal data and are masked in samples, alerts and reports.
public enum PersonalData {
    /// Name fragments that mark a column as personal data when the configuration does not list them.
    public static let namePatterns = ["ssn", "social_security", "email", "phone", "mobile", "first_name", "last_name",
                                      "full_name", "date_of_birth", "dob", "birth", "address", "passport", "tax_id"]

    /// The configured PII columns, or every column whose name looks personal.
    public static func maskedColumns(schema: TableSchema, configured: [String]?) -> Set<String> {
        if let configured { return Set(configured.compactMap { schema.column(named: $0)?.name }) }
        return Set(schema.columns.map(\.name).filter { name in
            let lower = name.lowercased()
            return namePatterns.contains { lower.contains($0) }
        })
    }

    /// Keeps a hint of the value's shape: `j***` for text, `***-**-6789` style tails for long identifiers.
    public static func mask(_ value: String) -> String {
        guard !value.isEmpty else { return value }
        if value.count >= 9, value.filter(\.isNumber).count >= 7 {
            return String(value.map { $0.isNumber ? "*" : $0 }.dropLast(4)) + String(value.suffix(4))
        }
        return String(value.prefix(1)) + "***"
    }
}
