import Foundation

/// How the connection to the SMTP server is protected.
public enum SMTPSecurity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain TCP, then `STARTTLS` before anything else; a server that does not offer it is an error (never a
    /// silent fall back to plain text). Submission, port 587.
    case startTLS = "starttls"
    /// TLS from the first byte. Port 465.
    case implicitTLS = "tls"
    /// No encryption at all. Credentials are then refused unless the server is on a loopback address.
    case none

    /// The port the mode is usually served on.
    public var defaultPort: Int {
        switch self {
        case .startTLS: 587
        case .implicitTLS: 465
        case .none: 25
        }
    }

    /// Whether `host` names this machine's loopback interface (`localhost`, `127.x.x.x`, `::1`): the only place a
    /// password may travel without TLS.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// A username and password for AUTH. Its descriptions never show the password.
public struct SMTPCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(username) (password hidden)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "<hidden>"]) }
}

/// Who a message is from and to (the SMTP envelope), and the message itself as CRLF-terminated lines.
public struct SMTPEnvelope: Sendable, Hashable {
    public var from: String
    public var recipients: [String]
    /// The message (headers and body); its lines end in CRLF.
    public var message: [UInt8]

    /// - Throws: ``SMTPError/Code/invalidAddress`` for an address an SMTP command cannot carry, or no recipient.
    public init(from: String, recipients: [String], message: [UInt8]) throws(SMTPError) {
        try Self.validate(address: from)
        guard !recipients.isEmpty else { throw SMTPError(.invalidAddress, stage: .configuration, "no recipient") }
        for recipient in recipients { try Self.validate(address: recipient) }
        self.from = from
        self.recipients = recipients
        self.message = message
    }

    /// A bare address `local@domain`: visible ASCII without `<>(),;:\"` or spaces, one `@` with text on both sides.
    /// Refusing CR and LF here is what keeps a configured address from injecting a header or an SMTP command.
    public static func validate(address: String) throws(SMTPError) {
        let bytes = Array(address.utf8)
        let forbidden = Set("<>(),;:\\\"[]".utf8)
        let shown = address.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F } ? "'\(address)'" : "an address"
        guard !bytes.isEmpty, bytes.count <= 254, bytes.allSatisfy({ (0x21...0x7E).contains($0) && !forbidden.contains($0) }) else {
            throw SMTPError(.invalidAddress, stage: .configuration, "\(shown) holds characters an email address cannot have")
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            throw SMTPError(.invalidAddress, stage: .configuration, "\(shown) is not local@domain")
        }
    }

    /// The message as DATA carries it: every line ending in CRLF (a bare LF or CR becomes CRLF), a line that starts
    /// with `.` gets a second one (RFC 5321 4.5.2, so no line ends the data early), then the `.` line.
    public static func dataPayload(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 50 + 5)
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if byte == cr || byte == lf {
                out.append(cr)
                out.append(lf)
                if byte == cr, index + 1 < message.count, message[index + 1] == lf { index += 1 }
                atLineStart = true
            } else {
                if atLineStart && byte == dot { out.append(dot) }
                out.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { out.append(contentsOf: [cr, lf]) }
        out.append(contentsOf: [dot, cr, lf])
        return out
    }
}
