/// A strftime-style date format such as `%Y-%m-%d %H:%M:%S`, checked the way Python's `strptime` reads it:
/// the whole value must match, numbers may drop leading zeros, names ignore case.
public struct StrftimeFormat: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    /// An anchored POSIX regular expression accepting exactly the values `strptime` would parse (day-of-month
    /// limits per month aside).
    public let pattern: String

    /// - Throws: ``StrftimeFormat/Invalid`` naming the directive Assay does not know.
    public init(_ text: String) throws(Invalid) {
        self.text = text
        var pattern = "^"
        var chars = text.makeIterator()
        while let c = chars.next() {
            if c == "%" {
                guard let directive = chars.next() else { throw Invalid(format: text, directive: "%") }
                guard let piece = Self.directives[directive] else { throw Invalid(format: text, directive: "%\(directive)") }
                pattern += piece
            } else if c.isWhitespace {
                pattern += "[[:space:]]+"
            } else {
                pattern += Self.escape(c)
            }
        }
        self.pattern = pattern + "$"
    }

    public var description: String { text }

    /// A format directive Assay cannot check.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var format: String
        public var directive: String
        public var description: String {
            "unsupported directive \(directive) in date format '\(format)'; supported: "
                + StrftimeFormat.directives.keys.sorted().map { "%\($0)" }.joined(separator: " ")
        }
    }

    private static let months = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    private static let fullMonths = "january|february|march|april|may|june|july|august|september|october|november|december"
    private static let days = "mon|tue|wed|thu|fri|sat|sun"
    private static let fullDays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

    /// Python's `_strptime` patterns, in POSIX ERE.
    static let directives: [Character: String] = [
        "Y": "[0-9]{4}",
        "y": "[0-9]{2}",
        "m": "(1[0-2]|0[1-9]|[1-9])",
        "d": "(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])",
        "H": "(2[0-3]|[01][0-9]|[0-9])",
        "I": "(1[0-2]|0[1-9]|[1-9])",
        "M": "([0-5][0-9]|[0-9])",
        "S": "(6[01]|[0-5][0-9]|[0-9])",
        "f": "[0-9]{1,6}",
        "j": "(36[0-6]|3[0-5][0-9]|[12][0-9][0-9]|0[1-9][0-9]|00[1-9]|[1-9][0-9]|0[1-9]|[1-9])",
        "p": "(am|pm)",
        "b": "(\(months))", "h": "(\(months))",
        "B": "(\(fullMonths))",
        "a": "(\(days))",
        "A": "(\(fullDays))",
        "w": "[0-6]",
        "z": "([+-][0-9]{2}:?[0-5][0-9](:?[0-5][0-9])?|z)",
        "%": "%",
    ]

    private static func escape(_ c: Character) -> String {
        "\\^$.|?*+()[]{}".contains(c) ? "\\" + String(c) : String(c)
    }
}
