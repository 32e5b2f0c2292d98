import Foundation

/// The encodings a mail's headers and bodies need: quoted-printable bodies, RFC 2047 encoded-words, folded header
/// lines, the RFC 5322 date. Header values never hold CR or LF: control characters become spaces.
enum MIMEText {
    /// Folded header lines stay within this many octets where a line can be broken.
    static let lineLength = 78

    /// `text` without control characters (CR and LF included): each becomes a space, so no value can start a header.
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// `Subject: …`: plain ASCII folded at spaces, or UTF-8 encoded-words when the text is not ASCII, looks like an
    /// encoded-word, or has a word too long to fold.
    static func subjectHeader(_ subject: String) -> String {
        let value = headerSafe(subject)
        let plainASCII = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !value.contains("=?")
        if plainASCII, let folded = foldWords(prefix: "Subject:", value) { return folded }
        return "Subject:" + encodedWords(value).map { " " + $0 }.joined(separator: "\r\n")
    }

    /// `PREFIX word word…` broken before a space so lines stay within ``lineLength``; `nil` when a word cannot fit.
    static func foldWords(prefix: String, _ value: String) -> String? {
        var lines: [String] = []
        var line = prefix
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if line.utf8.count + 1 + word.utf8.count > lineLength && line != prefix {
                lines.append(line)
                line = ""
            }
            line += " " + word
            if line.utf8.count > lineLength { return nil }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// `=?UTF-8?B?…?=` words of at most 75 octets, each holding whole Unicode scalars (RFC 2047).
    static func encodedWords(_ value: String) -> [String] {
        let maximumBytes = 42  // 56 base64 characters + 12 of `=?UTF-8?B??=`: 68 octets, 77 after `Subject: `
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maximumBytes {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// A display name as a header phrase: as it is when it is only letters, digits, spaces and the atom specials; a
    /// quoted string when it is other ASCII; encoded-words otherwise.
    static func phrase(_ name: String) -> String {
        let value = headerSafe(name).trimmingCharacters(in: .whitespaces)
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if !value.isEmpty, value.utf8.allSatisfy({ atext.contains($0) }), !value.contains("=?") { return value }
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && value.utf8.count < 60 {
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(value).joined(separator: " ")
    }

    /// `NAME: a, b, …` folded after a comma.
    static func foldAddresses(name: String, _ addresses: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for (index, address) in addresses.enumerated() {
            let piece = " " + address + (index + 1 < addresses.count ? "," : "")
            if line.utf8.count + piece.utf8.count > lineLength && index > 0 {
                lines.append(line)
                line = ""
            }
            line += piece
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 5322 `Thu, 27 Nov 2026 12:00:00 +0000`, in UTC.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[((c.weekday ?? 1) - 1) % 7]), \(two(c.day)) \(months[((c.month ?? 1) - 1) % 12]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    /// Quoted-printable (RFC 2045 6.7) of `text` as UTF-8: line breaks (LF, CR or CRLF) become CRLF, lines longer
    /// than 76 octets get soft breaks, `=`, 8-bit bytes, controls and trailing blanks are `=XX`, and so are a `.`
    /// or `From ` that would start a line (so no transport ever mangles them).
    static func quotedPrintable(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false).map { quotedPrintableLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var line = ""
        let hex = Array("0123456789ABCDEF")
        for (index, byte) in bytes.enumerated() {
            let last = index == bytes.count - 1
            let literal: Bool
            switch byte {
            case UInt8(ascii: "="): literal = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"): literal = !last
            case UInt8(ascii: "."): literal = !line.isEmpty
            case UInt8(ascii: "F"): literal = !(line.isEmpty && bytes[index...].starts(with: Array("From ".utf8)))
            case 33...126: literal = true
            default: literal = false
            }
            let token = literal ? String(UnicodeScalar(byte)) : "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            // Room for the token and, unless it ends the line, a soft break's `=`.
            if line.utf8.count + token.utf8.count > (last ? 76 : 75) {
                lines.append(line + "=")
                line = ""
                // A continuation line must not start with a literal `.` either.
                if token == "." {
                    line = "=2E"
                    continue
                }
            }
            line += token
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }
}
