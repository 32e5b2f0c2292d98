import Foundation
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Sends one message per connection to an SMTP server: the ``SMTPDialogue`` state machine run over a SwiftNIO
/// channel. STARTTLS puts a TLS handler at the front of the live pipeline after the server's 220; implicit TLS has
/// it from the first byte. Certificates are verified against the system's roots unless told otherwise.
///
/// ```swift
/// let client = SMTPClient(configuration: .init(host: "smtp.bank.example", security: .startTLS,
///                                              credentials: SMTPCredentials(username: "assay", password: secret)))
/// let receipt = try await client.send(mail)
/// ```
public struct SMTPClient: Sendable {
    /// Which certificates a TLS server may show.
    public enum Trust: Sendable, Hashable {
        /// Those the system trusts.
        case systemRoots
        /// Those issued by the CA certificates in this PEM file (a private CA, a test's own).
        case caFile(String)
        /// Any certificate at all: for tests only, never for a real server.
        case insecureNoVerification
    }

    public struct Configuration: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var security: SMTPSecurity
        public var credentials: SMTPCredentials?
        public var trust: Trust
        /// How long connecting may take.
        public var connectTimeout: Duration
        /// How long one message may take, from connecting to the server's answer to QUIT: a silent server fails the
        /// attempt (retryably) when this is up.
        public var timeout: Duration
        /// The name this client gives in EHLO.
        public var clientName: String

        public init(host: String, port: Int? = nil, security: SMTPSecurity = .startTLS, credentials: SMTPCredentials? = nil,
                    trust: Trust = .systemRoots, connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60),
                    clientName: String = "localhost") {
            self.host = host
            self.port = port ?? security.defaultPort
            self.security = security
            self.credentials = credentials
            self.trust = trust
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.clientName = clientName
        }
    }

    public let configuration: Configuration
    let group: any EventLoopGroup
    let logger: Logger

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "assay.smtp")) {
        self.configuration = configuration
        group = eventLoopGroup
        var logger = logger
        logger[metadataKey: "smtp.server"] = "\(configuration.host):\(configuration.port)"
        self.logger = logger
    }

    /// Sends `mail` to its `To` addresses, from its `From` address.
    /// - Throws: ``SMTPError``; ``SMTPError/isTransient`` says whether a later attempt may succeed.
    public func send(_ mail: MailMessage) async throws(SMTPError) -> SMTPReceipt {
        try await send(SMTPEnvelope(from: mail.from, recipients: mail.to, message: mail.bytes))
    }

    /// Sends the envelope's message on a new connection, closed when done.
    /// - Throws: ``SMTPError``; ``SMTPError/isTransient`` says whether a later attempt may succeed.
    public func send(_ envelope: SMTPEnvelope) async throws(SMTPError) -> SMTPReceipt {
        let configuration = configuration
        let tls = try makeTLSContext()
        let serverName = Self.isIPAddress(configuration.host) ? nil : configuration.host
        let dialogue = SMTPDialogue(
            configuration: .init(clientName: configuration.clientName, security: configuration.security, credentials: configuration.credentials,
                                 serverIsLoopback: SMTPSecurity.isLoopback(host: configuration.host)),
            envelope: envelope)
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: SMTPReceipt.self)
        let deadline = NIODeadline.now() + Self.timeAmount(configuration.timeout)
        let logger = logger
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(Self.timeAmount(min(configuration.connectTimeout, configuration.timeout)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if configuration.security == .implicitTLS, let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try pipeline.addHandler(SMTPChannelHandler(dialogue: dialogue, promise: promise, startTLS: tls.map { ($0, serverName) },
                                                               deadline: deadline, timeout: configuration.timeout, logger: logger))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            let failure = Self.connectError(error, configuration)
            promise.fail(failure)
            throw failure
        }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(.connectionFailed, stage: .connect, "the connection failed (\(type(of: error)))")
        }
    }

    private func makeTLSContext() throws(SMTPError) -> NIOSSLContext? {
        guard configuration.security != .none else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch configuration.trust {
        case .systemRoots: break
        case .caFile(let path):
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SMTPError(.invalidConfiguration, stage: .configuration, "the CA file \(path) cannot be read")
            }
            tls.trustRoots = .file(path)
        case .insecureNoVerification:
            tls.certificateVerification = .none
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(.invalidConfiguration, stage: .configuration, "TLS cannot be set up: \(error)")
        }
    }

    static func connectError(_ error: any Error, _ configuration: Configuration) -> SMTPError {
        let target = "\(configuration.host):\(configuration.port)"
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return SMTPError(.timeout, stage: .connect, "no connection to \(target) within \(seconds(configuration.connectTimeout))")
        }
        let text = String(describing: error)
        if text.contains("connectTimeout") {
            return SMTPError(.timeout, stage: .connect, "no connection to \(target) within \(seconds(configuration.connectTimeout))")
        }
        let why = text.contains("refused") || text.contains("ECONNREFUSED") ? "connection refused"
            : (error as? NIOConnectionError).map { $0.dnsAError != nil && $0.connectionErrors.isEmpty ? "host not found" : "unreachable" } ?? "\(type(of: error))"
        return SMTPError(.connectionFailed, stage: .connect, "cannot connect to \(target): \(why)")
    }

    static func seconds(_ duration: Duration) -> String {
        let (s, atto) = duration.components
        return atto == 0 ? "\(s) s" : String(format: "%.1f s", Double(s) + Double(atto) / 1e18)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1
    }
}
