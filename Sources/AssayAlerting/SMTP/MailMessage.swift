import AssayMonitorCore
import Foundation

/// An RFC 5322 message: headers that cannot be injected into, a `multipart/alternative` body with a text and an HTML
/// part (or the text alone), quoted-printable so every line is 7-bit and at most 76 octets, CRLF line ends.
///
/// ```swift
/// let mail = try MailMessage(from: "assay@bank.example", to: ["oncall@bank.example"], subject: message.text.subject,
///                            text: message.text.plain, html: message.text.html,
///                            messageID: MailMessage.messageID(eventID: message.eventID))
/// let bytes = mail.bytes
/// ```
public struct MailMessage: Sendable, Hashable {
    public var from: String
    /// The sender's display name (`Assay <assay@bank.example>`).
    public var fromName: String?
    public var to: [String]
    public var subject: String
    public var text: String
    public var html: String?
    /// With its angle brackets: `<evt-1.opened@assay>`.
    public var messageID: String
    public var date: Date
    /// Sent as `X-Assay-Event-Id` (control characters removed).
    public var eventID: String?

    /// - Throws: ``SMTPError/Code/invalidAddress`` when the sender or a recipient is not a bare `local@domain` (an
    ///   address with CR or LF would inject headers), or there is no recipient.
    public init(from: String, fromName: String? = "Assay", to: [String], subject: String, text: String, html: String? = nil,
                messageID: String, date: Date = Date(), eventID: String? = nil) throws(SMTPError) {
        try SMTPEnvelope.validate(address: from)
        guard !to.isEmpty else { throw SMTPError(.invalidAddress, stage: .configuration, "no recipient") }
        for address in to { try SMTPEnvelope.validate(address: address) }
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.eventID = eventID
    }

    /// The mail of an alert message: its subject, its plain text and its HTML, a Message-ID from its event id (so a
    /// retry, or a resend after a crash, carries the same one and receivers can drop the repeat).
    public init(alert message: AlertMessage, from: String, fromName: String? = "Assay", to: [String], date: Date = Date()) throws(SMTPError) {
        try self.init(from: from, fromName: fromName, to: to, subject: message.text.subject, text: message.text.plain,
                      html: message.text.html, messageID: Self.messageID(eventID: message.eventID), date: date, eventID: message.eventID)
    }

    /// `<ID@assay>` for an alert's event id: the id's letters, digits and `-_+=` kept, anything else (`:` included)
    /// a `.`; when that changed the id, a digest of the original is appended so two ids never share a Message-ID.
    public static func messageID(eventID: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+=")
        var clean = ""
        for character in eventID.prefix(200) {
            if allowed.contains(character) {
                clean.append(character)
            } else if !clean.isEmpty && clean.last != "." {
                clean.append(".")
            }
        }
        while clean.last == "." { clean.removeLast() }
        if clean != eventID { clean += (clean.isEmpty ? "" : ".") + String(AlertMessage.digest(eventID).prefix(8)) }
        return "<\(clean)@assay>"
    }

    /// The whole message, CRLF line ends, 7-bit.
    public var bytes: [UInt8] { Array(rendered.utf8) }

    /// The whole message as text.
    public var rendered: String {
        var headers: [String] = []
        let sender = fromName.map { MIMEText.phrase($0) + " <\(from)>" } ?? from
        headers.append("From: " + sender)
        headers.append(MIMEText.foldAddresses(name: "To", to))
        headers.append(MIMEText.subjectHeader(subject))
        headers.append("Date: " + MIMEText.date(date))
        headers.append("Message-ID: " + MIMEText.headerSafe(messageID))
        headers.append("MIME-Version: 1.0")
        headers.append("Auto-Submitted: auto-generated")
        if let eventID { headers.append("X-Assay-Event-Id: " + MIMEText.headerSafe(eventID)) }
        let textPart = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                        MIMEText.quotedPrintable(text)]
        guard let html else {
            return (headers + textPart).joined(separator: "\r\n") + "\r\n"
        }
        let boundary = "=_assay_" + AlertMessage.digest(messageID)
        headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        let htmlPart = ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
                        MIMEText.quotedPrintable(html)]
        var lines = headers + ["", "This is a multi-part message in MIME format.", "--" + boundary]
        lines += textPart + ["--" + boundary] + htmlPart + ["--" + boundary + "--"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
