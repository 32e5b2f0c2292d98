import AssayCore

/// Python's `json.dump` writes non-ASCII text as `\uXXXX` escapes, and a character beyond U+FFFF as a
/// surrogate pair (`"\ud83d\udcb0"` for 💰). YAML, which reads Assay's JSON, refuses surrogate escapes, so a
/// JSON document's pairs are rewritten as the one escape YAML knows (`\U0001F4B0`) before parsing. A lone
/// surrogate is not a character: it is an error at its place.
enum JSONSurrogates {
    /// `text` with its surrogate pairs rewritten, when it is a JSON document (starts with `{` or `[`);
    /// other text is returned as it is.
    static func rewrite(_ text: String, file: String) throws(ConfigError) -> String {
        guard text.contains("\\u") || text.contains("\\U"),
              let first = text.unicodeScalars.first(where: { !" \t\r\n\u{FEFF}".unicodeScalars.contains($0) }),
              first == "{" || first == "["
        else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false
        var line = 1, lineStart = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = false
            } else if byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let location = { SourceLocation(file: file, line: line, column: column(bytes, lineStart, i)) }
                if bytes[i + 1] == UInt8(ascii: "u"), let unit = hex(bytes, i + 2) {
                    if (0xD800...0xDBFF).contains(unit) {
                        guard i + 11 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                              let low = hex(bytes, i + 8), (0xDC00...0xDFFF).contains(low)
                        else { throw lone(unit, at: location()) }
                        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        out += Array("\\U\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 8))".utf8)
                        i += 12
                        continue
                    }
                    if (0xDC00...0xDFFF).contains(unit) { throw lone(unit, at: location()) }
                }
                out.append(byte)
                out.append(bytes[i + 1])
                i += 2
                continue
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        return Int(String(decoding: bytes[start..<start + 4], as: UTF8.self), radix: 16)
    }

    private static func column(_ bytes: [UInt8], _ lineStart: Int, _ index: Int) -> Int {
        String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
    }

    private static func lone(_ unit: Int, at location: SourceLocation) -> ConfigError {
        let escape = "\\u" + String(unit, radix: 16).leftPadded(to: 4)
        let half = unit < 0xDC00 ? "a high surrogate must be followed by a low one (\\udc00 to \\udfff)"
            : "a low surrogate must follow a high one (\\ud800 to \\udbff)"
        return ConfigError(.syntax, "invalid escape \(escape): a lone UTF-16 surrogate is not a character; \(half)", at: location)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
