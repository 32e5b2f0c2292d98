/// The fix rules Assay knows, by the name configuration uses (`fix: {rules: [email, phone]}`).
public enum FixRuleID: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Phone numbers re-written from their digits in the format the check accepts.
    case phone
    /// Emails trimmed and lower-cased, common domain typos corrected.
    case email
    /// US Social Security numbers re-written as `ddd-dd-dddd` from their nine digits.
    case ssn
    /// A categorical value matched to the check's allowed set regardless of whitespace and case.
    case category
    /// A start and an end date entered the wrong way round, swapped back.
    case swappedDates = "swapped_dates"

    public var description: String { rawValue }
}
