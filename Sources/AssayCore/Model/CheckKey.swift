/// The identity of a check across runs, so a check keeps its history while it is edited.
///
/// An explicit `id` in the suite gives `TABLE.ID` (`customers.CUST_001`). Otherwise the key is derived from what
/// the check examines — table, kind, columns, the kind's defining arguments (pattern, set, bounds of a range check,
/// condition), filter and window, and the table's own filter and window — as `TABLE.NAME.HASH`
/// (`customers.not_null_email.ff66423b`). Thresholds, severity, dimension, description and remediation are not
/// part of it: changing a limit keeps the history. The ``CheckFingerprint`` changes with any edit.
public struct CheckKey: Sendable, Hashable, Codable, Comparable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The key of `check` in `table`.
    public init(_ check: Check, in table: TableSpec) {
        if check.idIsExplicit {
            rawValue = table.name + "." + check.id
        } else {
            let identity = CheckSignature.identity(check, table: table)
            rawValue = table.name + "." + check.id + "." + String(StableHash.fnv1a(identity).hex.prefix(8))
        }
    }

    public var description: String { rawValue }

    public static func < (lhs: CheckKey, rhs: CheckKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A hash of a check's whole definition: it changes when anything about the check changes (its limits, severity,
/// dimension, description or remediation too), so a store can tell which version of a check produced a result.
public struct CheckFingerprint: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(_ check: Check, in table: TableSpec) {
        rawValue = StableHash.fnv1a(CheckSignature.definition(check, table: table)).hex
    }

    public var description: String { rawValue }
}

/// 64-bit FNV-1a: stable across processes, platforms and Swift versions (unlike `Hasher`).
package enum StableHash {
    package static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension UInt64 {
    /// Sixteen lower-case hexadecimal digits.
    package var hex: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
