import Foundation

/// The client's side of one SMTP session that sends one message, as a pure state machine: the executor tells it what
/// happened on the connection (``connected()``, a reply line, the TLS handshake done, the connection lost) and does
/// the ``Action`` it answers with. No sockets, no clocks: every path is tested without a server.
///
/// ```
/// greeting 220 ─▶ EHLO ─▶ [STARTTLS 220 ─▶ TLS ─▶ EHLO] ─▶ [AUTH PLAIN | AUTH LOGIN] ─▶ MAIL FROM
///   ─▶ RCPT TO (each recipient; refused ones are noted) ─▶ DATA 354 ─▶ message . 250 ─▶ QUIT ─▶ succeeded
/// any 4xx ─▶ failed (transient) · any 5xx ─▶ failed (permanent) · a password is never sent without TLS, except with
/// security `none` to a loopback host
/// ```
public struct SMTPDialogue: Sendable {
    /// What the session needs to know besides the envelope.
    public struct Configuration: Sendable, Hashable {
        /// This client's name in EHLO/HELO.
        public var clientName: String
        public var security: SMTPSecurity
        public var credentials: SMTPCredentials?
        /// Whether the server is on a loopback address (see ``SMTPSecurity/isLoopback(host:)``).
        public var serverIsLoopback: Bool

        public init(clientName: String = "localhost", security: SMTPSecurity, credentials: SMTPCredentials? = nil, serverIsLoopback: Bool) {
            self.clientName = clientName
            self.security = security
            self.credentials = credentials
            self.serverIsLoopback = serverIsLoopback
        }
    }

    /// What the executor does next.
    public enum Action: Sendable, Hashable, CustomStringConvertible {
        /// Nothing: wait for the next line or event.
        case wait
        /// Write this command line, followed by CRLF.
        case send(String)
        /// Write this AUTH line, followed by CRLF; it carries credentials, so it is never logged.
        case sendCredentials(String)
        /// Put TLS in front of the connection now, then call ``tlsEstablished()`` when the handshake is done.
        case startTLS
        /// Write these bytes as they are (the message, dot-stuffed and ended by `CRLF.CRLF`).
        case sendData([UInt8])
        /// The message was taken: close the connection.
        case succeeded(SMTPReceipt)
        /// The message was not sent: close the connection.
        case failed(SMTPError)

        public var description: String {
            switch self {
            case .wait: "wait"
            case .send(let line): "send(\(line))"
            case .sendCredentials: "sendCredentials(<hidden>)"
            case .startTLS: "startTLS"
            case .sendData(let bytes): "sendData(\(bytes.count) bytes)"
            case .succeeded(let receipt): "succeeded(\(receipt.reply))"
            case .failed(let error): "failed(\(error))"
            }
        }
    }

    /// What the session knows after the greeting.
    struct Session: Sendable, Hashable {
        var capabilities = SMTPCapabilities()
        /// Whether the connection is encrypted now.
        var tls: Bool
    }

    enum State: Sendable, Hashable {
        case idle
        case greeting(Session)
        case ehlo(Session)
        case helo(Session)
        case startTLS(Session)
        case tlsHandshake(Session)
        case authLoginUser(Session)
        case authLoginPassword(Session)
        case authResult(Session)
        case mailFrom(Session)
        case rcptTo(Session, next: Int, accepted: [String], refused: [SMTPRecipientRefusal])
        case data(accepted: [String], refused: [SMTPRecipientRefusal])
        case message(accepted: [String], refused: [SMTPRecipientRefusal])
        /// QUIT sent; the outcome is already known.
        case quitting(Result<SMTPReceipt, SMTPError>)
        case finished
    }

    public private(set) var configuration: Configuration
    public let envelope: SMTPEnvelope
    private(set) var state: State = .idle
    /// The lines of a multi-line reply read so far.
    private var partial: (code: Int, lines: [String])?
    /// A reply longer than this many lines is not SMTP (and must not grow without bound).
    static let maximumReplyLines = 512

    public init(configuration: Configuration, envelope: SMTPEnvelope) {
        self.configuration = configuration
        self.envelope = envelope
    }

    /// Whether the dialogue has ended (succeeded or failed); every later event answers ``Action/wait``.
    public var isFinished: Bool { if case .finished = state { true } else { false } }

    // MARK: events

    /// The TCP connection is up (and, with implicit TLS, the TLS handler is in front of it): wait for the greeting.
    public mutating func connected() -> Action {
        guard case .idle = state else { return .wait }
        state = .greeting(Session(tls: configuration.security == .implicitTLS))
        return .wait
    }

    /// One line the server sent (with or without its CRLF).
    public mutating func received(line raw: some StringProtocol) -> Action {
        if case .finished = state { return .wait }
        if case .idle = state { _ = connected() }
        if case .tlsHandshake = state {
            // Anything after the 220 to STARTTLS and before TLS is plain text someone slipped in (CVE-2011-0411 style).
            return finish(.failure(error(.protocolViolation, "the server sent data between STARTTLS and the TLS handshake")))
        }
        guard let line = SMTPReply.Line(raw) else {
            let shown = String(raw.prefix(80)).filter { $0.isASCII && !$0.isNewline }
            return finish(.failure(error(.protocolViolation, "the server's answer is not an SMTP reply: '\(shown)'")))
        }
        var lines = [line.text]
        if let partial {
            guard partial.code == line.code else {
                return finish(.failure(error(.protocolViolation, "a multi-line reply changed its code from \(partial.code) to \(line.code)")))
            }
            lines = partial.lines + lines
        }
        guard lines.count <= Self.maximumReplyLines else {
            return finish(.failure(error(.protocolViolation, "a reply of more than \(Self.maximumReplyLines) lines")))
        }
        guard line.isLast else {
            partial = (line.code, lines)
            return .wait
        }
        partial = nil
        return handle(SMTPReply(code: line.code, lines: lines))
    }

    /// The TLS handshake that ``Action/startTLS`` began has finished: say EHLO again (what was offered before TLS
    /// no longer counts).
    public mutating func tlsEstablished() -> Action {
        guard case .tlsHandshake = state else { return .wait }
        return sendHello(Session(tls: true))
    }

    /// The connection closed.
    public mutating func closed() -> Action {
        switch state {
        case .finished: .wait
        case .quitting(let result): finish(result)
        default: finish(.failure(error(.connectionClosed, "the server closed the connection")))
        }
    }

    /// The connection failed: an I/O error, the TLS handshake, the deadline. A message the server already took
    /// stays sent (only QUIT was outstanding).
    public mutating func errorCaught(_ code: SMTPError.Code, _ message: String) -> Action {
        switch state {
        case .finished: .wait
        case .quitting(let result): finish(result)
        default: finish(.failure(error(code, message)))
        }
    }

    // MARK: replies

    private mutating func handle(_ reply: SMTPReply) -> Action {
        switch state {
        case .idle, .finished, .tlsHandshake:
            return .wait
        case .greeting(let session):
            guard reply.code == 220 else { return refuse(reply) }
            return sendHello(session)
        case .ehlo(var session):
            if reply.code == 250 {
                session.capabilities = SMTPCapabilities(ehlo: reply)
                return afterHello(session)
            }
            // A server without ESMTP: HELO, when nothing needs an extension.
            if reply.isPermanent && configuration.credentials == nil && !(configuration.security == .startTLS && !session.tls) {
                state = .helo(session)
                return .send("HELO \(configuration.clientName)")
            }
            return refuse(reply)
        case .helo(let session):
            guard reply.code == 250 else { return refuse(reply) }
            return afterHello(session)
        case .startTLS(let session):
            guard reply.code == 220 else { return refuse(reply) }
            state = .tlsHandshake(session)
            return .startTLS
        case .authLoginUser(let session):
            guard reply.code == 334 else { return refuseAuth(reply) }
            state = .authLoginPassword(session)
            return .sendCredentials(Self.base64(configuration.credentials?.username ?? ""))
        case .authLoginPassword(let session):
            guard reply.code == 334 else { return refuseAuth(reply) }
            state = .authResult(session)
            return .sendCredentials(Self.base64(configuration.credentials?.password ?? ""))
        case .authResult(let session):
            guard reply.code == 235 else { return refuseAuth(reply) }
            return sendMailFrom(session)
        case .mailFrom(let session):
            guard reply.isPositive else { return refuse(reply) }
            return sendRecipient(session, next: 0, accepted: [], refused: [])
        case .rcptTo(let session, let index, var accepted, var refused):
            let recipient = envelope.recipients[index]
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else if reply.code == 421 || !(reply.isTransient || reply.isPermanent) {
                return refuse(reply)
            } else {
                refused.append(SMTPRecipientRefusal(recipient: recipient, reply: reply))
            }
            guard index + 1 == envelope.recipients.count else {
                return sendRecipient(session, next: index + 1, accepted: accepted, refused: refused)
            }
            guard !accepted.isEmpty else {
                let list = refused.map { "\($0.recipient) (\($0.reply.code))" }.joined(separator: ", ")
                return quit(.failure(error(.recipientsRefused, "every recipient was refused: \(list)", reply: reply, refused: refused)))
            }
            state = .data(accepted: accepted, refused: refused)
            return .send("DATA")
        case .data(let accepted, let refused):
            guard reply.code == 354 else { return refuse(reply) }
            state = .message(accepted: accepted, refused: refused)
            return .sendData(SMTPEnvelope.dataPayload(envelope.message))
        case .message(let accepted, let refused):
            guard reply.isPositive else { return refuse(reply) }
            return quit(.success(SMTPReceipt(accepted: accepted, refused: refused, reply: reply)))
        case .quitting(let result):
            return finish(result)
        }
    }

    private mutating func sendHello(_ session: Session) -> Action {
        state = .ehlo(session)
        return .send("EHLO \(configuration.clientName)")
    }

    private mutating func afterHello(_ session: Session) -> Action {
        if configuration.security == .startTLS && !session.tls {
            guard session.capabilities.startTLS else {
                return quit(.failure(error(.startTLSUnavailable, "the server does not offer STARTTLS, and security is starttls (use tls, or none on a loopback host)")))
            }
            state = .startTLS(session)
            return .send("STARTTLS")
        }
        guard let credentials = configuration.credentials else { return sendMailFrom(session) }
        guard session.tls || (configuration.security == .none && configuration.serverIsLoopback) else {
            return quit(.failure(error(.plaintextCredentialsRefused,
                                       "the password would cross the network unencrypted; use starttls or tls (none is for loopback hosts only)")))
        }
        let offered = session.capabilities.authMechanisms
        if offered.contains("PLAIN") {
            state = .authResult(session)
            return .sendCredentials("AUTH PLAIN " + Self.base64("\0\(credentials.username)\0\(credentials.password)"))
        }
        if offered.contains("LOGIN") {
            state = .authLoginUser(session)
            return .send("AUTH LOGIN")
        }
        let list = offered.isEmpty ? "no AUTH at all" : "only " + offered.sorted().joined(separator: ", ")
        return quit(.failure(error(.authenticationUnavailable, "credentials are configured but the server offers \(list) (Assay speaks PLAIN and LOGIN)")))
    }

    private mutating func sendMailFrom(_ session: Session) -> Action {
        let size = SMTPEnvelope.dataPayload(envelope.message).count
        if let limit = session.capabilities.maximumSize, size > limit {
            return quit(.failure(error(.messageTooLarge, "the message is \(size) bytes; the server takes at most \(limit)")))
        }
        state = .mailFrom(session)
        let sizeParameter = session.capabilities.maximumSize == nil ? "" : " SIZE=\(size)"
        return .send("MAIL FROM:<\(envelope.from)>\(sizeParameter)")
    }

    private mutating func sendRecipient(_ session: Session, next: Int, accepted: [String], refused: [SMTPRecipientRefusal]) -> Action {
        state = .rcptTo(session, next: next, accepted: accepted, refused: refused)
        return .send("RCPT TO:<\(envelope.recipients[next])>")
    }

    // MARK: endings

    /// A reply that ends the session: 4xx temporary, 5xx permanent, anything else a protocol violation.
    private mutating func refuse(_ reply: SMTPReply) -> Action {
        let failure: SMTPError
        if reply.isTransient {
            failure = error(.temporaryFailure, "the server refused for now", reply: reply)
        } else if reply.isPermanent {
            failure = error(.permanentFailure, "the server refused", reply: reply)
        } else {
            failure = error(.protocolViolation, "unexpected reply", reply: reply)
        }
        // 421: the server is closing the connection; QUIT would go nowhere.
        return reply.code == 421 ? finish(.failure(failure)) : quit(.failure(failure))
    }

    /// A reply to AUTH that is not the next step: 535 and other 5xx are a refused login (permanent), 4xx temporary.
    /// The reply is scrubbed of anything it may echo of the credentials.
    private mutating func refuseAuth(_ reply: SMTPReply) -> Action {
        let scrubbed = scrub(reply)
        guard reply.isPermanent else { return refuse(scrubbed) }
        let who = configuration.credentials.map { " for user '\($0.username)'" } ?? ""
        return quit(.failure(error(.authenticationFailed, "the server refused the login\(who)", reply: scrubbed)))
    }

    /// Sends QUIT; the session's outcome is `result` whatever the server answers to it.
    private mutating func quit(_ result: Result<SMTPReceipt, SMTPError>) -> Action {
        state = .quitting(result)
        return .send("QUIT")
    }

    private mutating func finish(_ result: Result<SMTPReceipt, SMTPError>) -> Action {
        state = .finished
        partial = nil
        switch result {
        case .success(let receipt): return .succeeded(receipt)
        case .failure(let error): return .failed(error)
        }
    }

    private func error(_ code: SMTPError.Code, _ message: String, reply: SMTPReply? = nil, refused: [SMTPRecipientRefusal] = []) -> SMTPError {
        SMTPError(code, stage: stage, message, reply: reply, refused: refused)
    }

    /// The stage the dialogue is in, for errors.
    var stage: SMTPError.Stage {
        switch state {
        case .idle: .connect
        case .greeting: .greeting
        case .ehlo, .helo: .ehlo
        case .startTLS: .startTLS
        case .tlsHandshake: .tlsHandshake
        case .authLoginUser, .authLoginPassword, .authResult: .auth
        case .mailFrom: .mailFrom
        case .rcptTo: .rcptTo
        case .data: .data
        case .message, .quitting, .finished: .message
        }
    }

    /// `reply` with the password, and any base64 form of the credentials, blanked out.
    private func scrub(_ reply: SMTPReply) -> SMTPReply {
        guard let credentials = configuration.credentials, !credentials.password.isEmpty else { return reply }
        let secrets = [Self.base64("\0\(credentials.username)\0\(credentials.password)"), Self.base64(credentials.password), credentials.password]
        var scrubbed = reply
        scrubbed.lines = reply.lines.map { line in
            secrets.reduce(line) { $0.replacingOccurrences(of: $1, with: "<hidden>") }
        }
        return scrubbed
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
