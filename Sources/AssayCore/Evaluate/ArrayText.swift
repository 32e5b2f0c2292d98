/// Reads a one-dimensional array returned as text by an aggregate that gives several values: PostgreSQL's
/// form (`{1.5,2,NULL,"a b"}`) or SQLite's JSON (`[1.5,2,null,"a b"]`).
enum ArrayText {
    static func parse(_ text: String) -> [SQLValue]? {
        let json = text.hasPrefix("[") && text.hasSuffix("]")
        guard json || (text.hasPrefix("{") && text.hasSuffix("}")) else { return nil }
        var items: [SQLValue] = []
        var chars = text.dropFirst().dropLast()[...]
        while !chars.isEmpty {
            if chars.first == "\"" {
                chars = chars.dropFirst()
                var value = ""
                while let c = chars.first, c != "\"" {
                    chars = chars.dropFirst()
                    if c == "\\", let escaped = chars.first { value.append(escaped); chars = chars.dropFirst() } else { value.append(c) }
                }
                chars = chars.dropFirst()
                items.append(.text(value))
            } else {
                let end = chars.firstIndex(of: ",") ?? chars.endIndex
                let raw = String(chars[..<end])
                chars = chars[end...]
                if raw == (json ? "null" : "NULL") { items.append(.null) }
                else if let n = Int64(raw) { items.append(.integer(n)) }
                else if let d = Double(raw) { items.append(.double(d)) }
                else { items.append(.text(raw)) }
            }
            if chars.first == "," { chars = chars.dropFirst() }
        }
        return items
    }
}
