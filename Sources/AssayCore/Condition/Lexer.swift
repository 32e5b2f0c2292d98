/// Splits condition text into tokens, rejecting comments, statement separators and stray characters.
struct Lexer {
    private let chars: [Character]
    private let text: String
    private var index = 0

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    private static let symbols = ["::", "<>", "!=", "<=", ">=", "||", "!~*", "!~", "~*", "=", "<", ">", "+", "-", "*", "/",
                                  "%", "(", ")", ",", "~"]

    mutating func tokens() throws(ConditionError) -> [Token] {
        var result: [Token] = []
        while true {
            skipWhitespace()
            guard index < chars.count else {
                result.append(Token(kind: .end, offset: chars.count))
                return result
            }
            result.append(try next())
        }
    }

    private mutating func skipWhitespace() {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        index + ahead < chars.count ? chars[index + ahead] : nil
    }

    private func error(_ code: ConditionError.Code, _ message: String, at offset: Int) -> ConditionError {
        ConditionError(code, message, offset: offset, text: text)
    }

    private mutating func next() throws(ConditionError) -> Token {
        let start = index
        let c = chars[index]
        if c == ";" { throw error(.forbidden, "statement separator ';' is not allowed", at: start) }
        if c == "-", peek(1) == "-" { throw error(.forbidden, "SQL comments ('--') are not allowed", at: start) }
        if c == "/", peek(1) == "*" { throw error(.forbidden, "SQL comments ('/*') are not allowed", at: start) }
        if c == "'" { return Token(kind: .string(try quoted("'", start: start)), offset: start) }
        if c == "\"" {
            let name = try quoted("\"", start: start)
            guard !name.isEmpty else { throw error(.syntax, "empty quoted identifier", at: start) }
            return Token(kind: .quotedIdentifier(name), offset: start)
        }
        if c.isASCIIDigit || (c == "." && peek(1)?.isASCIIDigit == true) { return try number(start: start) }
        if c.isLetter || c == "_" {
            while let ch = peek(), ch.isLetter || ch.isNumber || ch == "_" { index += 1 }
            return Token(kind: .identifier(String(chars[start..<index])), offset: start)
        }
        for symbol in Self.symbols where matches(symbol) {
            index += symbol.count
            return Token(kind: .symbol(symbol == "!=" ? "<>" : symbol), offset: start)
        }
        throw error(.syntax, "unexpected character '\(c)'", at: start)
    }

    private func matches(_ symbol: String) -> Bool {
        for (i, ch) in symbol.enumerated() where peek(i) != ch { return false }
        return true
    }

    /// Reads a quoted run; a doubled quote stands for one quote character.
    private mutating func quoted(_ quote: Character, start: Int) throws(ConditionError) -> String {
        index += 1
        var value = ""
        while index < chars.count {
            let ch = chars[index]
            index += 1
            if ch == quote {
                if peek() == quote {
                    value.append(quote)
                    index += 1
                } else {
                    return value
                }
            } else {
                value.append(ch)
            }
        }
        let what = quote == "'" ? "string literal" : "quoted identifier"
        throw error(.syntax, "unterminated \(what)", at: start)
    }

    private mutating func number(start: Int) throws(ConditionError) -> Token {
        var sawDot = false
        var sawExponent = false
        while let ch = peek() {
            if ch.isASCIIDigit {
                index += 1
            } else if ch == ".", !sawDot, !sawExponent {
                sawDot = true
                index += 1
            } else if (ch == "e" || ch == "E"), !sawExponent,
                      peek(1)?.isASCIIDigit == true || ((peek(1) == "+" || peek(1) == "-") && peek(2)?.isASCIIDigit == true) {
                sawExponent = true
                index += 2
            } else {
                break
            }
        }
        if let ch = peek(), ch.isLetter || ch == "_" {
            throw error(.syntax, "malformed number", at: start)
        }
        let literal = String(chars[start..<index])
        if !sawDot && !sawExponent, let value = Int64(literal) {
            return Token(kind: .integer(value), offset: start)
        }
        guard let value = Double(literal), value.isFinite else { throw error(.syntax, "malformed number", at: start) }
        return Token(kind: .decimal(value), offset: start)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
