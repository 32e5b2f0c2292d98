/// One reply of an SMTP server: its three-digit code and its text lines (a multi-line reply, `250-…` lines up to the
/// final `250 …`, is one reply).
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// The text after the code on each line, in order.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: done.
    public var isPositive: Bool { (200..<300).contains(code) }
    /// 3xx: go on (354 after DATA, 334 during AUTH).
    public var isIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: failed for now; the same command may work later.
    public var isTransient: Bool { (400..<500).contains(code) }
    /// 5xx: failed for good.
    public var isPermanent: Bool { (500..<600).contains(code) }

    /// The code and the text on one line (long texts cut), for reasons and logs.
    public var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " / ")
        let cut = text.count > 300 ? String(text.prefix(300)) + "…" : text
        return cut.isEmpty ? "\(code)" : "\(code) \(cut)"
    }

    /// One line of a reply: `250-SIZE 100` (more follow) or `250 OK` (the last one).
    struct Line: Hashable {
        var code: Int
        var isLast: Bool
        var text: String

        /// `nil` when the line does not start with a three-digit code followed by `-`, a space or nothing.
        init?(_ raw: some StringProtocol) {
            var text = Substring(raw)
            while let last = text.last, last == "\r" || last == "\n" { text.removeLast() }
            let digits = text.utf8.prefix(3)
            guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let value = Int(text.prefix(3)), (200..<600).contains(value) else { return nil }
            let rest = text.dropFirst(3)
            switch rest.first {
            case nil: isLast = true
            case " ": isLast = true
            case "-": isLast = false
            default: return nil
            }
            code = value
            self.text = String(rest.dropFirst())
        }
    }
}

/// What a server says it supports in its EHLO reply.
public struct SMTPCapabilities: Sendable, Hashable {
    public var startTLS = false
    /// The AUTH mechanisms, upper-cased (`PLAIN`, `LOGIN`, …).
    public var authMechanisms: Set<String> = []
    /// The largest message the server takes (the SIZE extension); `nil` when it does not say or has no limit.
    public var maximumSize: Int?
    public var eightBitMIME = false

    public init() {}

    /// The capabilities listed on the lines after the first (which greets) of an EHLO reply.
    public init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            switch keyword {
            case "STARTTLS": startTLS = true
            case "8BITMIME": eightBitMIME = true
            case "SIZE": maximumSize = words.dropFirst().first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            case "AUTH": authMechanisms.formUnion(words.dropFirst())
            default:
                // Old servers announce `AUTH=LOGIN PLAIN`.
                if keyword.hasPrefix("AUTH=") {
                    authMechanisms.insert(String(keyword.dropFirst(5)))
                    authMechanisms.formUnion(words.dropFirst())
                }
            }
        }
    }
}
