/// A strftime-style date format such as `%Y-%m-%d %H:%M:%S`, checked the way Python's `strptime` reads it:
/// the whole value must match, numbers may drop leading zeros, names ignore case.
public struct StrftimeFormat: Sendable, Hashable, CustomStringConvertible {
    public var text: String
    /// An anchored POSIX regular expression accepting the values `strptime` would read with this format, before
    /// it checks the day against the month.
    package let pattern: String
    /// Values that fit ``pattern`` but name a day their month never has (the 31st of a 30-day month, February
    /// 30 and 31; February 29 when the format has no year, as `strptime` then assumes 1900).
    package let impossibleDays: [String]
    /// February 29 in a format with a year, and February 29 of leap years: a value matching the first but not the
    /// second names a day that does not exist.
    package let leapDays: (any: String, leap: String)?

    /// - Throws: ``StrftimeFormat/Invalid`` naming the directive Assay does not know.
    public init(_ text: String) throws(Invalid) {
        self.text = text
        var directives = Set<Character>()
        var chars = text.makeIterator()
        while let c = chars.next() {
            guard c == "%" else { continue }
            guard let directive = chars.next() else { throw Invalid(.danglingPercent, format: text, directive: "%") }
            guard Self.directives[directive] != nil else { throw Invalid(.unknownDirective, format: text, directive: "%\(directive)") }
            directives.insert(directive)
        }
        pattern = Self.pattern(text, [:])
        let month: Character? = ["m", "b", "h", "B"].first(where: directives.contains)
        guard directives.contains("d"), let month else {
            impossibleDays = []
            leapDays = nil
            return
        }
        func months(_ numbers: String, _ short: String, _ long: String) -> [Character: String] {
            ["m": numbers, "b": short, "h": short, "B": long][month].map { [month: $0] } ?? [:]
        }
        let thirtyDays = months("(0?[469]|11)", "(apr|jun|sep|nov)", "(april|june|september|november)")
        let february = months("0?2", "feb", "february")
        var impossible = [
            Self.pattern(text, thirtyDays.merging(["d": "31"]) { a, _ in a }),
            Self.pattern(text, february.merging(["d": "3[01]"]) { a, _ in a }),
        ]
        let leapDay = february.merging(["d": "29"]) { a, _ in a }
        if directives.contains("Y") {
            leapDays = (Self.pattern(text, leapDay), Self.pattern(text, leapDay.merging(["Y": Self.leapYears]) { a, _ in a }))
        } else if directives.contains("y") {
            // %y reads 69–99 as 1969–1999 and 00–68 as 2000–2068: leap exactly when divisible by 4.
            leapDays = (Self.pattern(text, leapDay), Self.pattern(text, leapDay.merging(["y": "([02468][048]|[13579][26])"]) { a, _ in a }))
        } else {
            impossible.append(Self.pattern(text, leapDay))
            leapDays = nil
        }
        impossibleDays = impossible
    }

    public static func == (a: StrftimeFormat, b: StrftimeFormat) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Four-digit leap years: divisible by 4 and not by 100, or by 400.
    private static let leapYears = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)"

    /// The anchored pattern for `format`, with some directives narrowed.
    private static func pattern(_ format: String, _ overrides: [Character: String]) -> String {
        var pattern = "^"
        var chars = format.makeIterator()
        while let c = chars.next() {
            if c == "%", let directive = chars.next() {
                pattern += overrides[directive] ?? directives[directive] ?? ""
            } else if c.isWhitespace {
                pattern += "[[:space:]]+"
            } else {
                pattern += escape(c)
            }
        }
        return pattern + "$"
    }

    public var description: String { text }

    /// A format directive Assay cannot check.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        /// The kind of problem. New codes may be added in any release, so a `switch` over codes needs a `default`.
        public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
            fileprivate enum Base: String, Sendable, Hashable {
                case unknownDirective, danglingPercent
            }

            fileprivate var base: Base

            private init(_ base: Base) { self.base = base }

            /// The code named `rawValue`, or `nil` when no code has that name.
            public init?(rawValue: String) {
                guard let base = Base(rawValue: rawValue) else { return nil }
                self.base = base
            }

            /// The code's name: `unknownDirective`, `danglingPercent`.
            public var rawValue: String { base.rawValue }
            public var description: String { base.rawValue }

            /// A `%` directive Assay does not know (`%Q`).
            public static let unknownDirective = Code(.unknownDirective)
            /// The format ends with a lone `%`.
            public static let danglingPercent = Code(.danglingPercent)
        }

        public var code: Code
        public var format: String
        public var directive: String

        init(_ code: Code, format: String, directive: String) {
            self.code = code
            self.format = format
            self.directive = directive
        }

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
