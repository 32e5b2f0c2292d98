/// Decides which columns hold personal data and masks their values wherever they appear: samples, observed values
/// and messages of statistics and value sets, in every report format.
///
/// Detection is by column name, split into words (`date_of_birth`, `dateOfBirth`, `CardNumber` → date/of/birth,
/// card/number). A table's `pii:` list adds columns to what the detection finds; `not_pii:` removes columns.
public enum PersonalData {
    /// Single words that mark a column as personal data.
    package static let words: Set<String> = [
        "ssn", "sin", "nino", "nin", "tin", "itin", "ein", "email", "mail", "phone", "mobile", "telephone", "tel", "fax",
        "dob", "birthdate", "birthday", "birth", "surname", "forename", "firstname", "lastname", "fullname", "maiden",
        "passport", "iban", "pan", "cvv", "cvc", "pin", "address", "street", "postcode", "zip", "zipcode", "postal",
        "cardholder", "licence", "license", "nationality", "ip",
    ]

    /// Adjacent word pairs that mark a column as personal data.
    package static let wordPairs: Set<[String]> = [
        ["first", "name"], ["last", "name"], ["middle", "name"], ["given", "name"], ["family", "name"], ["full", "name"],
        ["maiden", "name"], ["birth", "date"], ["card", "number"], ["card", "no"], ["card", "num"], ["credit", "card"],
        ["debit", "card"], ["account", "number"], ["account", "no"], ["account", "num"], ["acct", "no"], ["acct", "number"],
        ["acct", "num"], ["national", "id"], ["national", "insurance"], ["national", "number"], ["tax", "id"],
        ["tax", "number"], ["tax", "identification"], ["tax", "code"], ["social", "security"], ["security", "number"],
        ["insurance", "number"], ["passport", "number"], ["driver", "licence"], ["driver", "license"], ["id", "number"],
    ]

    /// Words that, right before `name`, make it a person's name (`customer_name`, `holder_name`).
    package static let personWords: Set<String> = [
        "customer", "client", "holder", "owner", "beneficiary", "payee", "payer", "contact", "person", "employee",
        "user", "member", "applicant", "guarantor", "spouse", "mother", "father", "cardholder", "signatory", "nominee",
    ]

    /// Whether a column name looks like personal data.
    public static func looksPersonal(_ column: String) -> Bool {
        let parts = words(of: column)
        if parts == ["name"] { return true }
        if parts.contains(where: words.contains) { return true }
        for (a, b) in zip(parts, parts.dropFirst()) {
            if wordPairs.contains([a, b]) || (b == "name" && personWords.contains(a)) { return true }
        }
        return false
    }

    /// The columns to mask: the default detection, plus `configured` (`pii:`), minus `excluded` (`not_pii:`).
    /// Names are matched as the schema spells them.
    public static func maskedColumns(schema: TableSchema, configured: [String]?, excluded: [String] = []) -> Set<String> {
        let added = Set((configured ?? []).compactMap { schema.column(named: $0)?.name })
        let removed = Set(excluded.compactMap { schema.column(named: $0)?.name })
        return Set(schema.columns.map(\.name).filter(looksPersonal)).union(added).subtracting(removed)
    }

    /// Masks a value, keeping only a hint of its shape: dates lose every digit (`****-**-**`); long identifiers keep
    /// their last four characters (`***-**-6789`, `************1111`); other text keeps its first character (`j***`).
    public static func mask(_ value: String) -> String {
        guard !value.isEmpty else { return value }
        if looksLikeDate(value) {
            return String(value.map { $0.isNumber ? "*" : $0 })
        }
        if value.count >= 9, value.filter(\.isNumber).count >= 7 {
            return String(value.map { $0.isNumber ? "*" : $0 }.dropLast(4)) + String(value.suffix(4))
        }
        return String(value.prefix(1)) + "***"
    }

    /// A masked value as a value of its own: text, whatever the type of the original.
    public static func mask(_ value: SQLValue) -> SQLValue {
        value.isNull ? value : .text(mask(value.description))
    }

    /// ISO dates and timestamps, and day/month/year forms such as `17/05/1980` or `5.17.80`.
    static func looksLikeDate(_ value: String) -> Bool {
        if TemporalText.parseDate(value.prefix(10)) != nil || TemporalText.parseTimestamp(value) != nil { return true }
        let fields = value.split(whereSeparator: { "/.-".contains($0) })
        return fields.count == 3 && value.count <= 10 && fields.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }
    }

    /// Lower-case words of a column name: split at `_`, `-`, spaces, digits and lower-to-upper case changes.
    static func words(of name: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            if !character.isLetter {
                if !current.isEmpty { parts.append(current) }
                current = ""
            } else {
                if character.isUppercase, let previous, previous.isLowercase, !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                current.append(Character(character.lowercased()))
            }
            previous = character
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
