import AssayCore

/// Fast text for the hot loops: dates, timestamps and fixed-width digit groups written straight into a
/// string's storage. `String(format:)` and Foundation's formatters are orders of magnitude slower.
enum DemoText {
    /// `YYYY-MM-DD` for a day number (days since 1970-01-01).
    static func date(days: Int) -> String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            writeDate(days: days, into: buffer)
            return 10
        }
    }

    /// `YYYY-MM-DD HH:MM:SS` (UTC) for whole seconds since the Unix epoch.
    static func timestamp(epochSeconds seconds: Int) -> String {
        String(unsafeUninitializedCapacity: 19) { buffer in
            writeTimestamp(epochSeconds: seconds, into: buffer)
            return 19
        }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes.
    @inline(__always)
    static func writeDate(days: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        writeDate(CivilDate(daysSinceEpoch: days), into: buffer)
    }

    /// Writes `YYYY-MM-DD HH:MM:SS` into the first 19 bytes.
    @inline(__always)
    static func writeTimestamp(epochSeconds seconds: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        writeDate(CivilDate(daysSinceEpoch: days), into: buffer)
        buffer[10] = 0x20
        put(second / 3600, width: 2, into: buffer, at: 11)
        buffer[13] = 0x3A
        put(second / 60 % 60, width: 2, into: buffer, at: 14)
        buffer[16] = 0x3A
        put(second % 60, width: 2, into: buffer, at: 17)
    }

    /// A phone number, `(AAA) EEE-LLLL` or `+1 AAA-EEE-LLLL`.
    static func phone(area: Int, exchange: Int, line: Int, international: Bool) -> String {
        if international {
            return String(unsafeUninitializedCapacity: 15) { b in
                b[0] = 0x2B; b[1] = 0x31; b[2] = 0x20
                put(area, width: 3, into: b, at: 3)
                b[6] = 0x2D
                put(exchange, width: 3, into: b, at: 7)
                b[10] = 0x2D
                put(line, width: 4, into: b, at: 11)
                return 15
            }
        }
        return String(unsafeUninitializedCapacity: 14) { b in
            b[0] = 0x28
            put(area, width: 3, into: b, at: 1)
            b[4] = 0x29; b[5] = 0x20
            put(exchange, width: 3, into: b, at: 6)
            b[9] = 0x2D
            put(line, width: 4, into: b, at: 10)
            return 14
        }
    }

    /// The nine digits of `number` (0 ..< 1_000_000_000) grouped by the separators, e.g. `ddd-dd-dddd`.
    static func digitGroups(_ number: Int, first: Character, second: Character) -> String {
        let digits = zeroPadded(number, width: 9)
        let a = digits.prefix(3), b = digits.dropFirst(3).prefix(2), c = digits.suffix(4)
        return String(a) + String(first) + String(b) + String(second) + String(c)
    }

    /// `number` in decimal, left-padded with zeros to `width`.
    static func zeroPadded(_ number: Int, width: Int) -> String {
        String(unsafeUninitializedCapacity: width) { buffer in
            put(number, width: width, into: buffer, at: 0)
            return width
        }
    }

    @inline(__always)
    private static func writeDate(_ d: CivilDate, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        put(d.year, width: 4, into: buffer, at: 0)
        buffer[4] = 0x2D
        put(d.month, width: 2, into: buffer, at: 5)
        buffer[7] = 0x2D
        put(d.day, width: 2, into: buffer, at: 8)
    }

    /// Writes the low `width` decimal digits of a non-negative value.
    @inline(__always)
    private static func put(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var v = value
        var index = start + width - 1
        while index >= start {
            buffer[index] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
            v /= 10
            index -= 1
        }
    }
}
