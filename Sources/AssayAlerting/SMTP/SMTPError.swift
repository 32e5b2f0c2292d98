/// Why an email was not sent, phrased for a person: the code, the stage of the dialogue, the server's reply when
/// there was one. Never holds a password or an AUTH payload (a reply that echoes one has it blanked out).
public struct SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Extensible: a `switch` over codes needs a `default`.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The server cannot be reached: the connection is refused, the host unknown or unreachable.
        public static let connectionFailed = Code(rawValue: "connectionFailed")
        /// The server closed the connection in the middle of the dialogue.
        public static let connectionClosed = Code(rawValue: "connectionClosed")
        /// No connection within the connect timeout, or the dialogue did not end within the message's deadline.
        public static let timeout = Code(rawValue: "timeout")
        /// The TLS handshake failed (an untrusted or mismatched certificate, no common protocol).
        public static let tlsFailed = Code(rawValue: "tlsFailed")
        /// The server answered 4xx: try again later.
        public static let temporaryFailure = Code(rawValue: "temporaryFailure")
        /// The server answered 5xx: the message, as it is, will not be taken.
        public static let permanentFailure = Code(rawValue: "permanentFailure")
        /// The server refused the username and password (535), or the mechanism.
        public static let authenticationFailed = Code(rawValue: "authenticationFailed")
        /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
        public static let authenticationUnavailable = Code(rawValue: "authenticationUnavailable")
        /// STARTTLS is required but the server does not offer it (the client never falls back to plain text).
        public static let startTLSUnavailable = Code(rawValue: "startTLSUnavailable")
        /// A password would cross the network unencrypted: credentials without TLS are allowed only with security
        /// `none` on a loopback host.
        public static let plaintextCredentialsRefused = Code(rawValue: "plaintextCredentialsRefused")
        /// Every recipient was refused.
        public static let recipientsRefused = Code(rawValue: "recipientsRefused")
        /// The message is larger than the server's SIZE limit.
        public static let messageTooLarge = Code(rawValue: "messageTooLarge")
        /// The server's reply is not SMTP, or not a reply the command can have.
        public static let protocolViolation = Code(rawValue: "protocolViolation")
        /// An address is not one a header or an SMTP command can carry (CR, LF, `<`, `>`, spaces, no `@`).
        public static let invalidAddress = Code(rawValue: "invalidAddress")
        /// The settings cannot work: a bad URL, a missing password, an unreadable CA file.
        public static let invalidConfiguration = Code(rawValue: "invalidConfiguration")
        public var description: String { rawValue }
    }

    /// Where in the dialogue it failed. Extensible.
    public struct Stage: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let configuration = Stage(rawValue: "configuration")
        public static let connect = Stage(rawValue: "connect")
        public static let greeting = Stage(rawValue: "greeting")
        public static let ehlo = Stage(rawValue: "EHLO")
        public static let startTLS = Stage(rawValue: "STARTTLS")
        public static let tlsHandshake = Stage(rawValue: "TLS handshake")
        public static let auth = Stage(rawValue: "AUTH")
        public static let mailFrom = Stage(rawValue: "MAIL FROM")
        public static let rcptTo = Stage(rawValue: "RCPT TO")
        public static let data = Stage(rawValue: "DATA")
        public static let message = Stage(rawValue: "end of message")
        public var description: String { rawValue }
    }

    public var code: Code
    public var stage: Stage
    /// Our words on what happened.
    public var message: String
    /// The server's reply that ended the dialogue, when it gave one.
    public var reply: SMTPReply?
    /// The recipients refused with their replies (for `recipientsRefused`).
    public var refused: [SMTPRecipientRefusal]

    public init(_ code: Code, stage: Stage, _ message: String, reply: SMTPReply? = nil, refused: [SMTPRecipientRefusal] = []) {
        self.code = code
        self.stage = stage
        self.message = message
        self.reply = reply
        self.refused = refused
    }

    /// Whether the same message may go through on a later attempt: the network, TLS, a timeout, a 4xx reply.
    public var isTransient: Bool {
        switch code {
        case .connectionFailed, .connectionClosed, .timeout, .tlsFailed, .temporaryFailure, .protocolViolation: true
        case .recipientsRefused: refused.contains { $0.reply.isTransient }
        default: false
        }
    }

    public var description: String {
        var text = "SMTP \(stage): \(message)"
        if let reply { text += " (server: \(reply))" }
        return text
    }
}

/// A recipient the server would not take, and what it said.
public struct SMTPRecipientRefusal: Sendable, Hashable {
    public var recipient: String
    public var reply: SMTPReply

    public init(recipient: String, reply: SMTPReply) {
        self.recipient = recipient
        self.reply = reply
    }
}

/// What the server said when it took a message.
public struct SMTPReceipt: Sendable, Hashable {
    /// The recipients it took.
    public var accepted: [String]
    /// Those it refused while taking the others.
    public var refused: [SMTPRecipientRefusal]
    /// Its reply to the end of the message (often with its queue id).
    public var reply: SMTPReply

    public init(accepted: [String], refused: [SMTPRecipientRefusal], reply: SMTPReply) {
        self.accepted = accepted
        self.refused = refused
        self.reply = reply
    }
}
