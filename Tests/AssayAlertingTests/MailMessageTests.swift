@testable import AssayAlerting
import AssayCore
import AssayMonitorCore
import Foundation
import Testing

/// The RFC 5322 message builder: headers, multipart structure, encodings, and the holes it must not have.
@Suite("Mail messages")
struct MailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

    static func alert(_ id: String, table: String = "customers", message: String = "2 rows violate") -> AlertEvent {
        var machine = IncidentStateMachine(policy: IncidentPolicy()) { _ in "inc-" + id }
        let opened = machine.observe(CheckObservation(check: CheckKey("\(table).c_\(id)"), table: table, severity: .high, status: .fail,
                                                      message: message, violations: 2, at: date))
        return AlertEvent(opened, id: "inc-\(id):opened", at: date)!
    }

    static func mail(subject: String = "[high] customers: data quality incident", text: String = "hello\n", html: String? = "<p>hello</p>",
                     to: [String] = ["oncall@bank.example"]) throws -> MailMessage {
        try MailMessage(from: "assay@bank.example", to: to, subject: subject, text: text, html: html, messageID: "<evt-1@assay>", date: date)
    }

    /// The header block unfolded, by lower-cased name.
    static func headers(_ rendered: String) -> [String: String] {
        let block = rendered.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        var out: [String: String] = [:]
        for line in block.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "="), i + 2 < utf8.count, let byte = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The parts of a multipart body: (headers, body) each.
    static func parts(_ rendered: String, boundary: String) -> [(headers: [String: String], body: String)] {
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let pieces = body.components(separatedBy: "\r\n--" + boundary)
        return pieces.dropFirst().filter { !$0.hasPrefix("--") }.map { piece in
            let split = piece.components(separatedBy: "\r\n\r\n")
            return (headers(split[0].trimmingCharacters(in: .newlines) + "\r\n\r\n"), split.dropFirst().joined(separator: "\r\n\r\n"))
        }
    }

    @Test("an alert's mail: From, To, Subject, RFC 5322 Date, Message-ID from the event id, MIME multipart/alternative with the text and the HTML")
    func multipart() throws {
        let message = AlertMessage(table: "customers", alerts: [Self.alert("1")], dashboard: "https://assay.bank.example/incidents/inc-1")
        let mail = try MailMessage(alert: message, from: "assay@bank.example", to: ["a@bank.example", "b@bank.example"], date: Self.date)
        let rendered = mail.rendered
        let headers = Self.headers(rendered)
        #expect(headers["from"] == "Assay <assay@bank.example>")
        #expect(headers["to"] == "a@bank.example, b@bank.example")
        #expect(headers["subject"] == message.text.subject)
        #expect(headers["date"] == "Fri, 15 Jan 2027 08:00:00 +0000")
        #expect(headers["message-id"] == "<inc-1.opened.\(AlertMessage.digest("inc-1:opened").prefix(8))@assay>")
        #expect(headers["mime-version"] == "1.0" && headers["auto-submitted"] == "auto-generated")
        #expect(headers["x-assay-event-id"] == "inc-1:opened")
        let boundary = "=_assay_" + AlertMessage.digest(mail.messageID)
        #expect(headers["content-type"] == "multipart/alternative; boundary=\"\(boundary)\"")
        let parts = Self.parts(rendered, boundary: boundary)
        #expect(parts.count == 2)
        #expect(parts.map { $0.headers["content-type"] } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect(parts.allSatisfy { $0.headers["content-transfer-encoding"] == "quoted-printable" })
        #expect(Self.decodeQuotedPrintable(parts[0].body).replacingOccurrences(of: "\r\n", with: "\n") == message.text.plain)
        #expect(Self.decodeQuotedPrintable(parts[1].body).replacingOccurrences(of: "\r\n", with: "\n") == message.text.html)
        #expect(rendered.hasSuffix("--" + boundary + "--\r\n"))
        #expect(rendered.utf8.allSatisfy { $0 < 0x80 }, "7-bit")
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"),
                "CRLF line ends only")

        let text = try Self.mail(html: nil).rendered
        #expect(Self.headers(text)["content-type"] == "text/plain; charset=utf-8", "no HTML: a single part")
    }

    @Test("the Message-ID is the same for the same alert (a retry, a resend after a crash) and differs between alerts")
    func messageID() throws {
        let first = AlertMessage(table: "customers", alerts: [Self.alert("1")])
        let again = AlertMessage(table: "customers", alerts: [Self.alert("1")])
        let a = try MailMessage(alert: first, from: "a@x.test", to: ["b@x.test"], date: Self.date)
        let b = try MailMessage(alert: again, from: "a@x.test", to: ["b@x.test"], date: Self.date.addingTimeInterval(600))
        #expect(a.messageID == b.messageID)
        #expect(MailMessage.messageID(eventID: "evt-1") == "<evt-1@assay>", "a clean id stays as it is")
        #expect(MailMessage.messageID(eventID: "a:b") != MailMessage.messageID(eventID: "a.b"))
        #expect(MailMessage.messageID(eventID: "x>\r\nBcc: e@x") .range(of: #"^<[A-Za-z0-9.+=_-]+@assay>$"#, options: .regularExpression) != nil)
        let grouped = AlertMessage(table: "customers", alerts: [Self.alert("1"), Self.alert("2")])
        #expect(MailMessage.messageID(eventID: grouped.eventID) == "<\(grouped.eventID)@assay>")
    }

    @Test("header injection: CR/LF in a subject or name never starts a header; an address with them is refused")
    func headerInjection() throws {
        let rendered = try MailMessage(from: "a@x.test", fromName: "Assay\r\nBcc: evil@x.test", to: ["b@x.test"],
                                       subject: "bad\r\nBcc: evil@x.test\nX-Evil: 1", text: "t", messageID: "<m@assay>", date: Self.date).rendered
        let lines = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc:") || $0.lowercased().hasPrefix("x-evil:") })
        #expect(Self.headers(rendered)["subject"] == "bad Bcc: evil@x.test X-Evil: 1")
        for bad in ["b@x.test\r\nBcc: evil@x.test", "b@x.test>, <evil@x.test", "Name <b@x.test>"] {
            #expect(throws: SMTPError.self) { try Self.mail(to: [bad]) }
            #expect(throws: SMTPError.self) {
                try MailMessage(from: bad, to: ["b@x.test"], subject: "s", text: "t", messageID: "<m@assay>")
            }
        }
    }

    @Test("a non-ASCII subject is RFC 2047 encoded-words of whole characters, each line within 78 octets")
    func encodedSubject() throws {
        let subject = "[high] clients_élevés: incident de qualité — 数据质量 " + String(repeating: "ü", count: 40)
        let rendered = try Self.mail(subject: subject).rendered
        let block = rendered.components(separatedBy: "\r\n\r\n")[0]
        let subjectLines = block.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(subjectLines.count > 1 && subjectLines.allSatisfy { $0.utf8.count <= 78 })
        let words = subjectLines.joined().replacingOccurrences(of: "Subject:", with: "").split(separator: " ")
        var decoded = Data()
        for word in words {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.utf8.count <= 75)
            let base64 = word.dropFirst(10).dropLast(2)
            let chunk = try #require(Data(base64Encoded: String(base64)))
            #expect(String(data: chunk, encoding: .utf8) != nil, "each word holds whole characters")
            decoded.append(chunk)
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        let ascii = try Self.mail(subject: "=?UTF-8?B?ZXZpbA==?= looks encoded").rendered
        #expect(Self.headers(ascii)["subject"]?.hasPrefix("=?UTF-8?B?") == true, "text that looks like an encoded-word is encoded")
    }

    @Test("long lines: the body's lines stay within 76 octets (soft breaks), a long ASCII subject folds at spaces, nothing exceeds 998")
    func longLines() throws {
        let long = String(repeating: "x", count: 5000) + " tail=\u{00E9}"
        let subject = Array(repeating: "word", count: 60).joined(separator: " ")
        let mail = try Self.mail(subject: subject, text: long + "\ntrailing space \n", html: "<p>" + long + "</p>")
        let rendered = mail.rendered
        let lines = rendered.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(Self.headers(rendered)["subject"] == subject, "folding only adds CRLF before a space")
        let boundary = "=_assay_" + AlertMessage.digest(mail.messageID)
        let text = Self.parts(rendered, boundary: boundary)[0].body
        #expect(Self.decodeQuotedPrintable(text) == long + "\r\ntrailing space \r\n")
        #expect(text.contains("space=20"), "trailing blanks are encoded")
        let word = try Self.mail(subject: String(repeating: "y", count: 200)).rendered
        #expect(word.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "a word too long to fold is encoded-words")
    }

    @Test("dots and 'From ' at a line start are encoded; with the DATA dot-stuffing, no line of the message ends the data early")
    func dots() throws {
        let rendered = try Self.mail(text: ".\n.hidden\nFrom here\nend.", html: nil).rendered
        #expect(!rendered.components(separatedBy: "\r\n").contains { $0.hasPrefix(".") || $0.hasPrefix("From ") })
        #expect(rendered.contains("=2E\r\n=2Ehidden\r\n=46rom here\r\nend."))
        let payload = String(decoding: SMTPEnvelope.dataPayload(Array(rendered.utf8)), as: UTF8.self)
        #expect(payload.components(separatedBy: "\r\n").filter { $0 == "." }.count == 1 && payload.hasSuffix("\r\n.\r\n"))
    }

    @Test("the HTML part escapes every text of the alert; the link is a link only when it is http(s)")
    func html() {
        let alert = Self.alert("1", table: "<script>alert(1)</script>", message: "a & b \"quoted\" 'single'")
        let text = AlertText(table: "<script>alert(1)</script>", alerts: [alert], dashboard: "javascript:alert(1)")
        let html = text.html
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &quot;quoted&quot; &#39;single&#39;"))
        #expect(!html.contains("href=\"javascript") && html.contains("Dashboard: javascript:alert(1)"))
        let linked = AlertText(table: "t", alerts: [alert], dashboard: "https://assay.test/i?a=1&b=2").html
        #expect(linked.contains("<a href=\"https://assay.test/i?a=1&amp;b=2\">"))
        for entry in text.entries { #expect(html.contains(AlertText.escapeHTML(entry.title))) }
    }
}
