@testable import AssayAlerting
import AssayMonitorCore
import Foundation
import Testing

/// The email channel's settings (the URL form, the password from the environment) and how SMTP failures map to
/// delivery outcomes.
@Suite("SMTP settings and outcomes")
struct SMTPSettingsTests {
    typealias Settings = EmailNotifier.Settings
    static let secret = "Very-S3cret"
    static let env = [Settings.passwordVariable: secret]

    @Test("smtp:// is STARTTLS on 587, smtps:// implicit TLS on 465, ?security=none plain; the user's password comes from ASSAY_SMTP_PASSWORD")
    func urls() throws {
        let submission = try Settings(url: "smtp://alerts%40bank.example@smtp.bank.example", from: "a@bank.example", recipients: ["b@bank.example"], environment: Self.env)
        #expect(submission.security == .startTLS && submission.port == 587 && submission.host == "smtp.bank.example")
        #expect(submission.credentials == SMTPCredentials(username: "alerts@bank.example", password: Self.secret))
        let tls = try Settings(url: "smtps://smtp.bank.example:2465", from: "a@bank.example", recipients: ["b@bank.example"], environment: [:])
        #expect(tls.security == .implicitTLS && tls.port == 2465 && tls.credentials == nil)
        let plain = try Settings(url: "smtp://127.0.0.1:1025?security=none", from: "a@x.test", recipients: ["b@x.test"], environment: [:])
        #expect(plain.security == .none && plain.port == 1025)
        let other = try Settings(url: "smtp://u@localhost:25", from: "a@x.test", recipients: ["b@x.test"], environment: ["MY_PW": "pw"], passwordVariable: "MY_PW")
        #expect(other.credentials?.password == "pw")
    }

    @Test("refused: a password in the URL (and the error does not repeat it), a user without the variable, another scheme, a bad query")
    func badURLs() {
        func error(_ url: String, env: [String: String] = [:]) -> SMTPError? {
            do { _ = try Settings(url: url, from: "a@x.test", recipients: ["b@x.test"], environment: env); return nil } catch { return error }
        }
        let leaked = error("smtp://user:\(Self.secret)@smtp.x.test")
        #expect(leaked?.code == .invalidConfiguration && leaked.map { "\($0)".contains(Self.secret) } == false)
        #expect(leaked.map { "\($0)".contains(Settings.passwordVariable) } == true)
        #expect(error("smtp://user@smtp.x.test")?.message.contains(Settings.passwordVariable) == true)
        #expect(error("http://smtp.x.test")?.code == .invalidConfiguration)
        #expect(error("smtp://smtp.x.test?tls=off")?.code == .invalidConfiguration)
        #expect(error("smtps://smtp.x.test?security=none")?.code == .invalidConfiguration)
        #expect(error("smtp://u@smtp.x.test?security=none", env: Self.env)?.code == .plaintextCredentialsRefused, "a password in plain text to a remote host")
        #expect(error("smtp://u@127.0.0.1?security=none", env: Self.env) == nil, "to loopback it is allowed")
        #expect(throws: SMTPError.self) { try Settings(host: "smtp.x.test", from: "a@x.test", recipients: []) }
        #expect(throws: SMTPError.self) { try Settings(host: "smtp.x.test", from: "a@x.test\r\nBcc: e@x.test", recipients: ["b@x.test"]) }
    }

    @Test("no description, debug description or dump of the settings shows the password")
    func hidden() throws {
        let settings = try Settings(url: "smtp://u@smtp.x.test", from: "a@x.test", recipients: ["b@x.test"], environment: Self.env)
        var dumped = ""
        dump(settings, to: &dumped)
        for text in ["\(settings)", String(reflecting: settings), dumped, "\(settings.credentials!)", String(reflecting: settings.credentials!)] {
            #expect(!text.contains(Self.secret), "\(text)")
        }
        #expect("\(settings)" == "smtp://u@smtp.x.test:587 (starttls) from a@x.test to b@x.test")
    }

    @Test("outcomes: network, TLS, timeouts and 4xx are retried; 5xx, refused logins and bad configuration are permanent, with the server's reply")
    func outcomes() {
        let reply = SMTPReply(code: 550, lines: ["5.7.1 relaying denied"])
        let permanent = EmailNotifier.outcome(SMTPError(.permanentFailure, stage: .rcptTo, "the server refused", reply: reply), channel: "email")
        #expect(permanent == .permanent(reason: "email: SMTP RCPT TO: the server refused (server: 550 5.7.1 relaying denied)"))
        for code in [SMTPError.Code.connectionFailed, .timeout, .tlsFailed, .temporaryFailure, .connectionClosed] {
            guard case .retryable = EmailNotifier.outcome(SMTPError(code, stage: .connect, "x"), channel: "email") else {
                Issue.record("\(code) should be retried"); continue
            }
        }
        for code in [SMTPError.Code.authenticationFailed, .startTLSUnavailable, .plaintextCredentialsRefused, .invalidAddress, .messageTooLarge] {
            guard case .permanent = EmailNotifier.outcome(SMTPError(code, stage: .auth, "x"), channel: "email") else {
                Issue.record("\(code) should be permanent"); continue
            }
        }
    }
}
