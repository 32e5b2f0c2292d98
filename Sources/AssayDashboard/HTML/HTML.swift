/// A fragment of HTML that is safe by construction: tag and attribute names are compile-time literals, and every
/// string that comes from data or configuration enters only as text or as an attribute value, escaped on the way in.
/// There is no way to splice a runtime string in unescaped.
public struct HTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Literal markup written in this module (CSS, a doctype): never data.
    init(literal: StaticString) { markup = literal.description }

    private init(markup: String) { self.markup = markup }

    /// Nothing.
    public static let empty = HTML(markup: "")

    /// `text` as character data, escaped.
    public static func text(_ text: String) -> HTML { HTML(markup: Escape.html(text)) }

    /// An element with attributes and children. Void elements and SVG shapes (`meta`, `circle`, ...) are written
    /// `<x .../>` when empty.
    public static func element(_ name: StaticString, _ attributes: [Attribute] = [], _ children: [HTML] = []) -> HTML {
        var out = "<" + name.description
        for attribute in attributes where attribute.value != nil {
            out += " " + attribute.name.description + "=\"" + Escape.html(attribute.value!) + "\""
        }
        if children.isEmpty, Self.selfClosing.contains(name.description) { return HTML(markup: out + "/>") }
        out += ">"
        for child in children { out += child.markup }
        return HTML(markup: out + "</" + name.description + ">")
    }

    /// Fragments side by side.
    public static func join(_ parts: [HTML]) -> HTML { HTML(markup: parts.map(\.markup).joined()) }

    /// Elements written `<x/>` when empty: HTML's void elements, and SVG's shapes, which inside `<svg>` the HTML
    /// parser closes only when written so (a bare `<line>` there would hold everything after it).
    private static let selfClosing: Set<String> = ["br", "meta", "input", "circle", "line", "path", "rect", "polyline", "hr"]

    public var description: String { markup }
}

/// One attribute: a literal name and a value from anywhere (escaped when written); a `nil` value omits it.
public struct Attribute: Sendable, Hashable {
    public var name: StaticString
    public var value: String?

    public init(_ name: StaticString, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func == (lhs: Attribute, rhs: Attribute) -> Bool { lhs.name.description == rhs.name.description && lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name.description)
        hasher.combine(value)
    }

    public static func `class`(_ value: String) -> Attribute { Attribute("class", value) }
    public static func id(_ value: String) -> Attribute { Attribute("id", value) }
    public static func href(_ value: String) -> Attribute { Attribute("href", value) }
}

/// Escaping for HTML text and attribute values (also inside inline SVG, which the HTML parser reads the same way).
public enum Escape {
    /// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attribute values.
    public static func html(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A URL path segment: every byte outside RFC 3986's unreserved set percent-encoded, and a segment of only dots
    /// (which a browser would resolve as `.` or `..`) encoded whole.
    public static func pathSegment(_ text: String) -> String {
        let onlyDots = !text.isEmpty && text.allSatisfy { $0 == "." }
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == 45 || byte == 95 || byte == 126 || (byte == 46 && !onlyDots)
            if unreserved { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += "%" + hex(byte) }
        }
        return out
    }

    /// A query value (`application/x-www-form-urlencoded` style, spaces as `%20`).
    public static func queryValue(_ text: String) -> String { pathSegment(text) }

    /// A fragment identifier that stands for `text` one to one: letters, digits and `-` kept, every other byte `_XX`.
    public static func anchor(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let kept = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45
            if kept { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += "_" + hex(byte) }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
