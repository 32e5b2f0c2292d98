/// Reads PostgreSQL's text form of a one-dimensional array (`{1.5,2,NULL,"a b"}`), as an aggregate that
/// returns several values gives it.
enum ArrayText {
    static func parse(_ text: String) -> [SQLValue]? {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return nil }
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
                if raw == "NULL" { items.append(.null) }
                else if let n = Int64(raw) { items.append(.integer(n)) }
                else if let d = Double(raw) { items.append(.double(d)) }
                else { items.append(.text(raw)) }
            }
            if chars.first == "," { chars = chars.dropFirst() }
        }
        return items
    }
}
