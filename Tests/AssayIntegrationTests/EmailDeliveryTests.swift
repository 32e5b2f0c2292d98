import Assay
import AssayAlerting
import AssayMonitor
import AssayMonitorCore
import AssayTestSupport
import Foundation
import Testing

/// Email against a real SMTP server (Python aiosmtpd, scripts/smtp-server.py, installed by scripts/smtp.sh setup):
/// plain, STARTTLS with AUTH PLAIN and LOGIN, implicit TLS, a refused login, an untrusted certificate, a server that
/// is down or silent, and the outbox retrying until the server is back — one mail, with the alert's Message-ID.
@Suite("Email delivery over SMTP")
struct EmailDeliveryTests {
    static let password = "Pa55-word-for-tests"
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func alert(_ id: String) -> (IncidentRecord, AlertEvent) {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + id }
        let action = machine.observe(CheckObservation(check: CheckKey("customers.c_email_\(id)"), table: "customers", severity: .high,
                                                      status: .fail, message: "3 rows violate", violations: 3, at: t0))
        return (IncidentRecord(suite: "shop", check: CheckKey("customers.c_email_\(id)"), state: machine.state),
                AlertEvent(action, id: "inc-\(id):opened", at: t0)!)
    }

    static func message(_ id: String = "1") -> AlertMessage { AlertMessage(table: "customers", alerts: [alert(id).1]) }

    static func settings(host: String = "127.0.0.1", port: Int, security: SMTPSecurity = .none, username: String? = nil, password: String? = nil,
                         recipients: [String] = ["risk@bank.example"], trust: SMTPClient.Trust = .systemRoots,
                         timeout: Duration = .seconds(20)) throws -> EmailNotifier.Settings {
        try EmailNotifier.Settings(host: host, port: port, security: security, username: username, password: password, from: "assay@bank.example",
                                   recipients: recipients, trust: trust, connectTimeout: .seconds(5), timeout: timeout)
    }

    @Test("plain delivery: one multipart mail with its headers, both parts and the Message-ID; a refused recipient does not stop the others")
    func plain() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let server = try await SMTPTestServer.start(in: dir, ["--refuse", "nobody@bank.example"])
        defer { server.stop() }
        let message = Self.message()
        let email = EmailNotifier(settings: try Self.settings(port: server.port, recipients: ["risk@bank.example", "nobody@bank.example", "cro@bank.example"]))
        #expect(await email.deliver(message) == .delivered)
        let received = try server.messages()
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.mailFrom == "assay@bank.example" && mail.rcptTos == ["risk@bank.example", "cro@bank.example"])
        let headers = mail.headers
        #expect(headers["from"] == "Assay <assay@bank.example>")
        #expect(headers["to"] == "risk@bank.example, nobody@bank.example, cro@bank.example")
        #expect(headers["subject"] == message.text.subject)
        #expect(headers["message-id"] == MailMessage.messageID(eventID: message.eventID))
        #expect(headers["content-type"]?.hasPrefix("multipart/alternative; boundary=") == true)
        #expect(headers["date"]?.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression) != nil)
        #expect(mail.data.contains("Content-Type: text/plain; charset=utf-8") && mail.data.contains("Content-Type: text/html; charset=utf-8"))
        let parsed = mail.parsed  // as Python's email package reads it
        #expect(parsed.defects.isEmpty && parsed.type == "multipart/alternative" && parsed.subject == message.text.subject)
        #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
        #expect(parsed.parts.map { $0.text.replacingOccurrences(of: "\r\n", with: "\n") } == [message.text.plain, message.text.html])
        let unfolded = mail.data.replacingOccurrences(of: "=\r\n", with: "")
        #expect(unfolded.contains("Incident ID: inc-1") && unfolded.contains("<th style=3D\"text-align: left;"))

        // A subject that is not ASCII arrives as it was (RFC 2047), read back by Python's parser.
        let accented = AlertMessage(table: "clients_élevés_数据", alerts: [Self.alert("2").1])
        #expect(await email.deliver(accented) == .delivered)
        let second = try #require(try server.messages().last)
        #expect(second.parsed.subject == accented.text.subject && second.parsed.defects.isEmpty)
    }

    @Test("STARTTLS with the test CA, then AUTH", arguments: ["PLAIN", "LOGIN"])
    func startTLS(mechanism: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cert = try TestCertificate(in: dir)
        let server = try await SMTPTestServer.start(in: dir, ["--starttls", cert.certificate, cert.key, "--user", "assay", "--only-auth", mechanism],
                                                    password: Self.password)
        defer { server.stop() }
        let email = EmailNotifier(settings: try Self.settings(host: "localhost", port: server.port, security: .startTLS, username: "assay",
                                                              password: Self.password, trust: .caFile(cert.certificate)))
        #expect(await email.deliver(Self.message()) == .delivered)
        let received = try server.messages()
        #expect(received.count == 1 && received.first?.login == "assay")
    }

    @Test("implicit TLS (smtps://, the password from ASSAY_SMTP_PASSWORD); an untrusted certificate is a retryable failure")
    func implicitTLS() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cert = try TestCertificate(in: dir)
        let server = try await SMTPTestServer.start(in: dir, ["--implicit-tls", cert.certificate, cert.key, "--user", "assay"], password: Self.password)
        defer { server.stop() }
        let settings = try EmailNotifier.Settings(url: "smtps://assay@localhost:\(server.port)", from: "assay@bank.example", recipients: ["risk@bank.example"],
                                                  environment: [EmailNotifier.Settings.passwordVariable: Self.password], trust: .caFile(cert.certificate),
                                                  connectTimeout: .seconds(5), timeout: .seconds(20))
        #expect(await EmailNotifier(settings: settings).deliver(Self.message()) == .delivered)
        #expect(try server.messages().map(\.login) == ["assay"])

        var untrusted = settings
        untrusted.trust = .systemRoots
        let outcome = await EmailNotifier(settings: untrusted).deliver(Self.message())
        guard case .retryable(let reason, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason.contains("TLS"))
        #expect(try server.messages().count == 1)
    }

    @Test("a wrong password is a permanent failure whose reason has the server's 535 and not the password")
    func wrongPassword() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let cert = try TestCertificate(in: dir)
        let server = try await SMTPTestServer.start(in: dir, ["--starttls", cert.certificate, cert.key, "--user", "assay"], password: Self.password)
        defer { server.stop() }
        let wrong = "not-the-Pa55word"
        let email = EmailNotifier(settings: try Self.settings(host: "localhost", port: server.port, security: .startTLS, username: "assay",
                                                              password: wrong, trust: .caFile(cert.certificate)))
        let outcome = await email.deliver(Self.message())
        guard case .permanent(let reason) = outcome else { Issue.record("\(outcome)"); return }
        #expect(reason.contains("535") && reason.contains("AUTH"))
        #expect(!reason.contains(wrong) && !reason.contains(Data(wrong.utf8).base64EncodedString()))
        #expect(try server.messages().isEmpty)
    }

    @Test("a server that is down, or one that never answers, is a retryable outcome within the deadline")
    func downOrSilent() async throws {
        let closed = try freeLocalPort()
        let down = await EmailNotifier(settings: try Self.settings(port: closed)).deliver(Self.message())
        guard case .retryable(let reason, _) = down else { Issue.record("\(down)"); return }
        #expect(reason.contains("connect"))

        let silent = try SilentListener()
        defer { silent.close() }
        let started = ContinuousClock.now
        let hung = await EmailNotifier(settings: try Self.settings(port: silent.port, timeout: .seconds(1))).deliver(Self.message())
        guard case .retryable(let why, _) = hung else { Issue.record("\(hung)"); return }
        #expect(why.contains("no answer within 1 s"))
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("SMTP down, then back: the outbox keeps the alert, retries it later, and exactly one mail arrives with the alert's Message-ID")
    func downThenBack() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try SQLiteStore(path: dir.file("assay.db"))
        let port = try freeLocalPort()
        let email = EmailNotifier(settings: try Self.settings(port: port))
        let dispatcher = OutboxDispatcher(store: store, notifiers: [email], policy: DeliveryPolicy(initialBackoffSeconds: 4), random: { 1 })
        let (record, event) = Self.alert("7")
        try await store.save(record, alerts: [QueuedAlert(event: event, channel: "email", route: "default", queuedAt: Self.t0)])

        #expect(try await dispatcher.drain(now: Self.t0) == OutboxDispatcher.Pass(sent: 0, retried: 1, failed: 0), "down: retried, not lost")
        let server = try await SMTPTestServer.start(in: dir, [], port: port)
        defer { server.stop() }
        #expect(try await dispatcher.drain(now: Self.t0.addingTimeInterval(1)) == OutboxDispatcher.Pass(), "still backing off")
        #expect(try await dispatcher.drain(now: Self.t0.addingTimeInterval(30)) == OutboxDispatcher.Pass(sent: 1, retried: 0, failed: 0))
        var received = try server.messages()
        #expect(received.count == 1)
        #expect(received.first?.headers["message-id"] == MailMessage.messageID(eventID: event.id))
        #expect(try await dispatcher.drain(now: Self.t0.addingTimeInterval(100)) == OutboxDispatcher.Pass())
        received = try server.messages()
        #expect(received.count == 1, "sent once")
    }
}
