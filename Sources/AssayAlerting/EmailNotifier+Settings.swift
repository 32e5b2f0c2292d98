import Foundation

extension EmailNotifier {
    /// Where and how email goes out. The password is never part of a URL or a description: the URL form takes it
    /// from the environment (`ASSAY_SMTP_PASSWORD`).
    public struct Settings: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var security: SMTPSecurity
        /// The login, when the server wants one (its description hides the password).
        public var credentials: SMTPCredentials?
        /// The sender address (`From` and `MAIL FROM`).
        public var from: String
        /// The sender's display name.
        public var fromName: String?
        public var recipients: [String]
        /// Whether each mail also goes to the downstream owners of the incidents it tells of (see ``EmailNotifier/recipients(of:)``).
        public var downstreamOwners = false
        public var trust: SMTPClient.Trust
        public var connectTimeout: Duration
        /// The deadline of one message, connection to QUIT.
        public var timeout: Duration
        /// This client's name in EHLO.
        public var clientName: String

        /// The environment variable the URL form reads the password from.
        public static let passwordVariable = "ASSAY_SMTP_PASSWORD"

        /// - Parameters:
        ///   - port: `nil` for the mode's usual one (587, 465, 25).
        ///   - security: `.startTLS` (the default), `.implicitTLS`, or `.none` (a password is then refused unless the
        ///     host is a loopback address).
        ///   - trust: which certificates the server may show (`.caFile(PATH)` for a private CA).
        /// - Throws: ``SMTPError`` with ``SMTPError/Code/invalidAddress``, ``SMTPError/Code/invalidConfiguration`` or
        ///   ``SMTPError/Code/plaintextCredentialsRefused``.
        public init(host: String, port: Int? = nil, security: SMTPSecurity = .startTLS, username: String? = nil, password: String? = nil,
                    from: String, fromName: String? = "Assay", recipients: [String], trust: SMTPClient.Trust = .systemRoots,
                    connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60), clientName: String = "localhost") throws(SMTPError) {
            guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "/" && $0 != "@" }) else {
                throw SMTPError(.invalidConfiguration, stage: .configuration, "the SMTP host is not a host name or address")
            }
            let port = port ?? security.defaultPort
            guard (1...65535).contains(port) else {
                throw SMTPError(.invalidConfiguration, stage: .configuration, "the SMTP port \(port) is not 1...65535")
            }
            try SMTPEnvelope.validate(address: from)
            guard !recipients.isEmpty else { throw SMTPError(.invalidAddress, stage: .configuration, "email needs at least one recipient") }
            for recipient in recipients { try SMTPEnvelope.validate(address: recipient) }
            guard connectTimeout > .zero, timeout > .zero else {
                throw SMTPError(.invalidConfiguration, stage: .configuration, "the SMTP timeouts must be positive")
            }
            switch (username, password) {
            case (nil, nil):
                credentials = nil
            case (let user?, let secret?) where !user.isEmpty && !secret.isEmpty:
                guard !user.contains(where: { $0.isNewline || $0 == "\0" }) else {
                    throw SMTPError(.invalidConfiguration, stage: .configuration, "the SMTP username holds a line break")
                }
                credentials = SMTPCredentials(username: user, password: secret)
            case (let user?, _) where !user.isEmpty:
                throw SMTPError(.invalidConfiguration, stage: .configuration, "SMTP user '\(user)' has no password (set \(Self.passwordVariable))")
            default:
                throw SMTPError(.invalidConfiguration, stage: .configuration, "an SMTP password needs a username")
            }
            if credentials != nil && security == .none && !SMTPSecurity.isLoopback(host: host) {
                throw SMTPError(.plaintextCredentialsRefused, stage: .configuration,
                                "security none would send the SMTP password unencrypted to \(host); use starttls or tls (none is for loopback hosts only)")
            }
            self.host = host
            self.port = port
            self.security = security
            self.from = from
            self.fromName = fromName
            self.recipients = recipients
            self.trust = trust
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.clientName = clientName
        }

        /// Settings from `smtp://[USER@]HOST[:PORT]` (STARTTLS, port 587) or `smtps://[USER@]HOST[:PORT]` (TLS from
        /// the first byte, port 465); `?security=none` on an `smtp://` URL turns encryption off (loopback hosts only
        /// when there is a user). With a user, the password is the value of `passwordVariable` in `environment`; a
        /// URL that holds a password is refused, and no error ever repeats the URL.
        ///
        /// ```swift
        /// try EmailNotifier.Settings(url: "smtps://alerts%40bank.example@smtp.bank.example", from: "alerts@bank.example",
        ///                            recipients: ["risk@bank.example"])
        /// ```
        /// - Throws: ``SMTPError`` (``SMTPError/Code/invalidConfiguration`` for the URL or a missing password).
        public init(url: String, from: String, fromName: String? = "Assay", recipients: [String],
                    environment: [String: String] = ProcessInfo.processInfo.environment, passwordVariable: String = Settings.passwordVariable,
                    trust: SMTPClient.Trust = .systemRoots, connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60),
                    clientName: String = "localhost") throws(SMTPError) {
            let shape = "the SMTP URL is not smtp://[user@]host[:port] or smtps://[user@]host[:port]"
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                  let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/", components.fragment == nil else {
                throw SMTPError(.invalidConfiguration, stage: .configuration, shape)
            }
            guard components.password == nil else {
                throw SMTPError(.invalidConfiguration, stage: .configuration,
                                "the SMTP URL holds a password; put it in the environment variable \(passwordVariable) instead")
            }
            var security: SMTPSecurity
            switch scheme {
            case "smtp": security = .startTLS
            case "smtps": security = .implicitTLS
            default: throw SMTPError(.invalidConfiguration, stage: .configuration, shape)
            }
            for item in components.queryItems ?? [] {
                guard item.name == "security", let value = item.value.flatMap({ SMTPSecurity(rawValue: $0.lowercased()) }) else {
                    throw SMTPError(.invalidConfiguration, stage: .configuration, "the SMTP URL takes only ?security=starttls|tls|none")
                }
                guard scheme == "smtp" || value == .implicitTLS else {
                    throw SMTPError(.invalidConfiguration, stage: .configuration, "an smtps:// URL is always TLS")
                }
                security = value
            }
            let username = components.user.flatMap { $0.isEmpty ? nil : $0 }
            var password: String?
            if let username {
                guard let secret = environment[passwordVariable], !secret.isEmpty else {
                    throw SMTPError(.invalidConfiguration, stage: .configuration,
                                    "SMTP user '\(username)' has no password: set the environment variable \(passwordVariable)")
                }
                password = secret
            }
            let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            try self.init(host: bareHost, port: components.port, security: security, username: username, password: password, from: from,
                          fromName: fromName, recipients: recipients, trust: trust, connectTimeout: connectTimeout, timeout: timeout,
                          clientName: clientName)
        }

        /// `smtp://user@host:port (starttls) → to a, b`, never the password.
        public var description: String {
            let scheme = security == .implicitTLS ? "smtps" : "smtp"
            let user = credentials.map { "\($0.username)@" } ?? ""
            return "\(scheme)://\(user)\(host):\(port) (\(security.rawValue)) from \(from) to \(recipients.joined(separator: ", "))"
        }

        var clientConfiguration: SMTPClient.Configuration {
            SMTPClient.Configuration(host: host, port: port, security: security, credentials: credentials, trust: trust,
                                     connectTimeout: connectTimeout, timeout: timeout, clientName: clientName)
        }
    }
}
