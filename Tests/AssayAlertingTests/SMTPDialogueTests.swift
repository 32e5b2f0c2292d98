@testable import AssayAlerting
import Foundation
import Testing

/// The SMTP dialogue as a pure state machine: every path driven by reply lines, no socket.
@Suite("SMTP dialogue")
struct SMTPDialogueTests {
    typealias Action = SMTPDialogue.Action
    static let secret = "s3cret-Pa55"
    static let credentials = SMTPCredentials(username: "assay", password: secret)
    static let message = Array("Subject: hi\r\n\r\nline one\r\n.dot line\r\n".utf8)

    static func dialogue(_ security: SMTPSecurity = .none, credentials: SMTPCredentials? = nil, loopback: Bool = true,
                         recipients: [String] = ["a@bank.example"]) throws -> SMTPDialogue {
        let envelope = try SMTPEnvelope(from: "assay@bank.example", recipients: recipients, message: message)
        var dialogue = SMTPDialogue(configuration: .init(clientName: "client.test", security: security, credentials: credentials,
                                                          serverIsLoopback: loopback), envelope: envelope)
        #expect(dialogue.connected() == .wait)
        return dialogue
    }

    static let ehloPlain = "250-smtp.test\r\n250-SIZE 1000000\r\n250-8BITMIME\r\n250 HELP"
    static let ehloStartTLS = "250-smtp.test\r\n250-STARTTLS\r\n250 8BITMIME"
    static let ehloAuth = "250-smtp.test\r\n250-SIZE 1000000\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME"

    @Test("plain delivery: greeting, multi-line EHLO, MAIL FROM with SIZE, each RCPT, DATA, the dot-stuffed message, QUIT")
    func plainDelivery() throws {
        var d = try Self.dialogue(recipients: ["a@bank.example", "b@bank.example"])
        #expect(d.reply("220 smtp.test ESMTP") == .send("EHLO client.test"))
        #expect(d.received(line: "250-smtp.test") == .wait, "a multi-line reply waits for its last line")
        #expect(d.reply("250-SIZE 1000000\r\n250-8BITMIME\r\n250 HELP") == .send("MAIL FROM:<assay@bank.example> SIZE=\(SMTPEnvelope.dataPayload(Self.message).count)"))
        #expect(d.reply("250 2.1.0 OK") == .send("RCPT TO:<a@bank.example>"))
        #expect(d.reply("250 2.1.5 OK") == .send("RCPT TO:<b@bank.example>"))
        #expect(d.reply("250 2.1.5 OK") == .send("DATA"))
        let data = d.reply("354 End data with <CR><LF>.<CR><LF>")
        #expect(data == .sendData(Array("Subject: hi\r\n\r\nline one\r\n..dot line\r\n.\r\n".utf8)))
        #expect(d.reply("250 2.0.0 OK queued as 42") == .send("QUIT"))
        let receipt = SMTPReceipt(accepted: ["a@bank.example", "b@bank.example"], refused: [], reply: SMTPReply(code: 250, lines: ["2.0.0 OK queued as 42"]))
        #expect(d.reply("221 Bye") == .succeeded(receipt))
        #expect(d.isFinished && d.closed() == .wait && d.reply("250 late") == .wait, "finished: nothing more happens")
    }

    @Test("EHLO capabilities: STARTTLS, AUTH mechanisms (also the old AUTH= form), SIZE, 8BITMIME")
    func capabilities() {
        let reply = SMTPReply(code: 250, lines: ["smtp.test greets you", "STARTTLS", "AUTH PLAIN login", "AUTH=CRAM-MD5", "SIZE 35882577", "8BITMIME"])
        let caps = SMTPCapabilities(ehlo: reply)
        #expect(caps.startTLS && caps.eightBitMIME && caps.maximumSize == 35_882_577)
        #expect(caps.authMechanisms == ["PLAIN", "LOGIN", "CRAM-MD5"])
        #expect(SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["x", "SIZE 0"])).maximumSize == nil, "SIZE 0: no limit")
        #expect(SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["STARTTLS"])).startTLS == false, "the first line greets")
    }

    @Test("STARTTLS, then EHLO again under TLS, then AUTH PLAIN: what was offered before TLS no longer counts")
    func startTLSThenPlain() throws {
        var d = try Self.dialogue(.startTLS, credentials: Self.credentials, loopback: false)
        #expect(d.reply("220 smtp.test") == .send("EHLO client.test"))
        #expect(d.reply("250-smtp.test\r\n250-AUTH PLAIN\r\n250 STARTTLS") == .send("STARTTLS"), "no AUTH before TLS, even when offered")
        #expect(d.reply("220 2.0.0 Ready to start TLS") == .startTLS)
        #expect(d.tlsEstablished() == .send("EHLO client.test"))
        let plain = Data("\0assay\0\(Self.secret)".utf8).base64EncodedString()
        #expect(d.reply(Self.ehloAuth) == .sendCredentials("AUTH PLAIN " + plain), "PLAIN is preferred when offered")
        #expect(d.reply("235 2.7.0 Authentication successful").isMailFrom)
    }

    @Test("AUTH LOGIN when it is all the server offers: username and password in turn, each in base64")
    func authLogin() throws {
        var d = try Self.dialogue(.implicitTLS, credentials: Self.credentials, loopback: false)
        #expect(d.reply("220 smtp.test") == .send("EHLO client.test"), "implicit TLS: no STARTTLS")
        #expect(d.reply("250-smtp.test\r\n250 AUTH LOGIN") == .send("AUTH LOGIN"))
        #expect(d.reply("334 VXNlcm5hbWU6") == .sendCredentials(Data("assay".utf8).base64EncodedString()))
        #expect(d.reply("334 UGFzc3dvcmQ6") == .sendCredentials(Data(Self.secret.utf8).base64EncodedString()))
        #expect(d.reply("235 2.7.0 OK").isMailFrom)
    }

    @Test("535: a permanent authentication failure whose error holds neither the password nor the AUTH payload, even when the server echoes it")
    func authRefused() throws {
        var d = try Self.dialogue(.implicitTLS, credentials: Self.credentials, loopback: false)
        _ = d.reply("220 smtp.test")
        let plain = Data("\0assay\0\(Self.secret)".utf8).base64EncodedString()
        #expect(d.reply(Self.ehloAuth) == .sendCredentials("AUTH PLAIN " + plain))
        #expect(d.reply("535 5.7.8 bad credentials \(plain) \(Self.secret)") == .send("QUIT"))
        let error = try #require(d.reply("221 Bye").error)
        #expect(error.code == .authenticationFailed && error.stage == .auth && !error.isTransient)
        let shown = "\(error) \(String(reflecting: error))"
        #expect(!shown.contains(Self.secret) && !shown.contains(plain) && shown.contains("535"))
        #expect(!"\(SMTPDialogue.Action.sendCredentials("AUTH PLAIN " + plain))".contains(plain), "the action's description hides it too")
    }

    @Test("a password never crosses plain text: refused with security none to a remote host; allowed to loopback; STARTTLS required but not offered fails before any AUTH")
    func plaintextCredentials() throws {
        var remote = try Self.dialogue(.none, credentials: Self.credentials, loopback: false)
        _ = remote.reply("220 smtp.test")
        #expect(remote.reply(Self.ehloAuth) == .send("QUIT"))
        #expect(remote.reply("221 Bye").error?.code == .plaintextCredentialsRefused)

        var local = try Self.dialogue(.none, credentials: Self.credentials, loopback: true)
        _ = local.reply("220 smtp.test")
        #expect(local.reply(Self.ehloAuth).isCredentials)

        var noTLS = try Self.dialogue(.startTLS, credentials: Self.credentials, loopback: true)
        _ = noTLS.reply("220 smtp.test")
        #expect(noTLS.reply(Self.ehloAuth) == .send("QUIT"), "no downgrade to plain text")
        let error = try #require(noTLS.reply("221 Bye").error)
        #expect(error.code == .startTLSUnavailable && !error.isTransient)
    }

    @Test("credentials but no mechanism Assay speaks: permanent")
    func noMechanism() throws {
        var d = try Self.dialogue(.implicitTLS, credentials: Self.credentials)
        _ = d.reply("220 smtp.test")
        #expect(d.reply("250-smtp.test\r\n250 AUTH CRAM-MD5 XOAUTH2") == .send("QUIT"))
        #expect(d.closed().error?.code == .authenticationUnavailable)
    }

    @Test("lines between the 220 to STARTTLS and the handshake are injected plain text: refused")
    func startTLSInjection() throws {
        var d = try Self.dialogue(.startTLS)
        _ = d.reply("220 smtp.test")
        _ = d.reply(Self.ehloStartTLS)
        #expect(d.reply("220 Go ahead") == .startTLS)
        let error = try #require(d.received(line: "250-evil.test").error)
        #expect(error.code == .protocolViolation && error.stage == .tlsHandshake)
    }

    @Test("some recipients refused: sent to the others, the receipt names the refused; all refused with 5xx is permanent, with 4xx retryable")
    func recipients() throws {
        var d = try Self.dialogue(recipients: ["a@x.test", "nobody@x.test", "c@x.test"])
        _ = d.reply("220 smtp.test")
        _ = d.reply(Self.ehloPlain)
        #expect(d.reply("250 OK") == .send("RCPT TO:<a@x.test>"))
        #expect(d.reply("250 OK") == .send("RCPT TO:<nobody@x.test>"))
        #expect(d.reply("550 5.1.1 <nobody@x.test>: no such user") == .send("RCPT TO:<c@x.test>"))
        #expect(d.reply("250 OK") == .send("DATA"))
        _ = d.reply("354 go")
        _ = d.reply("250 queued")
        guard case .succeeded(let receipt) = d.reply("221 Bye") else { Issue.record("not sent"); return }
        #expect(receipt.accepted == ["a@x.test", "c@x.test"])
        #expect(receipt.refused == [SMTPRecipientRefusal(recipient: "nobody@x.test", reply: SMTPReply(code: 550, lines: ["5.1.1 <nobody@x.test>: no such user"]))])

        for (code, transient) in [(550, false), (450, true)] {
            var all = try Self.dialogue(recipients: ["a@x.test", "b@x.test"])
            _ = all.reply("220 smtp.test")
            _ = all.reply(Self.ehloPlain)
            _ = all.reply("250 OK")
            _ = all.reply("\(code) no")
            #expect(all.reply("\(code) no") == .send("QUIT"), "no DATA when nobody takes it")
            let error = try #require(all.reply("221 Bye").error)
            #expect(error.code == .recipientsRefused && error.isTransient == transient && error.refused.map(\.recipient) == ["a@x.test", "b@x.test"])
        }
    }

    @Test("reply classes: 4xx temporary (retryable), 5xx permanent, at any stage; 421 ends at once without QUIT", arguments: [
        ("MAIL FROM", 451, true), ("MAIL FROM", 553, false), ("DATA", 452, true), ("DATA", 554, false), ("end", 451, true), ("end", 552, false),
    ])
    func replyClasses(stage: String, code: Int, transient: Bool) throws {
        var d = try Self.dialogue()
        _ = d.reply("220 smtp.test")
        _ = d.reply(Self.ehloPlain)
        if stage != "MAIL FROM" {
            _ = d.reply("250 OK")
            _ = d.reply("250 OK")
            if stage == "end" { _ = d.reply("354 go") }
        }
        #expect(d.reply("\(code) 4.3.0 nope") == .send("QUIT"))
        let error = try #require(d.reply("221 Bye").error)
        #expect(error.isTransient == transient && error.code == (transient ? .temporaryFailure : .permanentFailure))
        #expect(error.reply?.code == code && "\(error)".contains("nope"))

        var closing = try Self.dialogue()
        let shut = try #require(closing.reply("421 4.3.2 shutting down").error)
        #expect(shut.code == .temporaryFailure && shut.stage == .greeting)
        var refusing = try Self.dialogue()
        #expect(refusing.reply("554 no service here") == .send("QUIT"), "a 5xx greeting: QUIT first")
        #expect(refusing.closed().error?.code == .permanentFailure)
    }

    @Test("not SMTP, a multi-line reply that changes its code, the connection lost: errors; lost after the message was taken: still sent")
    func brokenConnections() throws {
        var garbage = try Self.dialogue()
        #expect(garbage.reply("HTTP/1.1 400 Bad Request").error?.code == .protocolViolation)
        var mixed = try Self.dialogue()
        _ = mixed.reply("220 smtp.test")
        _ = mixed.received(line: "250-smtp.test")
        #expect(mixed.received(line: "251 odd").error?.code == .protocolViolation)

        var lost = try Self.dialogue()
        _ = lost.reply("220 smtp.test")
        let closed = try #require(lost.closed().error)
        #expect(closed.code == .connectionClosed && closed.stage == .ehlo && closed.isTransient)

        var slow = try Self.dialogue()
        _ = slow.reply("220 smtp.test")
        _ = slow.reply(Self.ehloPlain)
        #expect(slow.errorCaught(.timeout, "no answer").error?.code == .timeout)

        var taken = try Self.dialogue()
        for reply in ["220 smtp.test", Self.ehloPlain, "250 OK", "250 OK", "354 go"] { _ = taken.reply(reply) }
        #expect(taken.reply("250 queued") == .send("QUIT"))
        guard case .succeeded = taken.errorCaught(.timeout, "no answer to QUIT") else { Issue.record("a taken message counts as sent"); return }
    }

    @Test("EHLO refused by an old server: HELO when nothing needs an extension")
    func heloFallback() throws {
        var d = try Self.dialogue()
        _ = d.reply("220 old.test")
        #expect(d.reply("502 command not implemented") == .send("HELO client.test"))
        #expect(d.reply("250 old.test") == .send("MAIL FROM:<assay@bank.example>"), "no SIZE parameter without the extension")

        var tls = try Self.dialogue(.startTLS)
        _ = tls.reply("220 old.test")
        #expect(tls.reply("502 command not implemented") == .send("QUIT"), "STARTTLS needs EHLO")
    }

    @Test("a message larger than the server's SIZE is not sent")
    func tooLarge() throws {
        var d = try Self.dialogue()
        _ = d.reply("220 smtp.test")
        #expect(d.reply("250-smtp.test\r\n250 SIZE 10") == .send("QUIT"))
        #expect(d.closed().error?.code == .messageTooLarge)
    }

    @Test("DATA payload: CRLF everywhere, leading dots doubled, ended by CRLF.CRLF")
    func dotStuffing() {
        let payload = SMTPEnvelope.dataPayload(Array(".\n..two\r\nmid.dot\rlast".utf8))
        #expect(String(decoding: payload, as: UTF8.self) == "..\r\n...two\r\nmid.dot\r\nlast\r\n.\r\n")
        #expect(SMTPEnvelope.dataPayload(Array("a\r\n".utf8)) == Array("a\r\n.\r\n".utf8))
    }

    @Test("addresses that could inject a command or a header are refused")
    func addresses() {
        for bad in ["a@x.test\r\nRCPT TO:<evil@x.test>", "a b@x.test", "<a@x.test>", "no-at-sign", "@x.test", "a@", "é@x.test", ""] {
            #expect(throws: SMTPError.self) { try SMTPEnvelope.validate(address: bad) }
        }
        #expect(throws: SMTPError.self) { try SMTPEnvelope(from: "a@x.test", recipients: [], message: []) }
        #expect(SMTPSecurity.isLoopback(host: "127.0.0.1") && SMTPSecurity.isLoopback(host: "localhost") && SMTPSecurity.isLoopback(host: "::1"))
        #expect(!SMTPSecurity.isLoopback(host: "127.0.0.1.evil.test") && !SMTPSecurity.isLoopback(host: "smtp.bank.example"))
    }
}

extension SMTPDialogue {
    /// Feeds each line of `text` (lines split at CRLF); every line but the last must answer `wait`.
    mutating func reply(_ text: String) -> Action {
        let lines = text.components(separatedBy: "\r\n")
        for line in lines.dropLast() {
            let action = received(line: line)
            if action != .wait { return action }
        }
        return received(line: lines.last ?? "")
    }
}

extension SMTPDialogue.Action {
    var error: SMTPError? { if case .failed(let error) = self { error } else { nil } }
    var isMailFrom: Bool { if case .send(let line) = self { line.hasPrefix("MAIL FROM:<") } else { false } }
    var isCredentials: Bool { if case .sendCredentials = self { true } else { false } }
}
