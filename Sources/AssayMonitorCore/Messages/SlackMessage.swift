import Foundation

/// A Slack incoming-webhook message in Block Kit, always within Slack's limits (a header of 150 characters, a
/// section of 3,000, 50 blocks, a fallback text of 40,000): what does not fit is cut with a note saying how much, so
/// Slack never rejects the message for its size.
public struct SlackMessage: Sendable, Hashable, Encodable {
    public static let headerLimit = 150, sectionLimit = 3_000, blockLimit = 50, textLimit = 40_000

    public struct Block: Sendable, Hashable, Encodable {
        public struct Text: Sendable, Hashable, Encodable { var type: String, text: String }
        var type: String
        var text: Text?
        var elements: [Text]?
    }

    public var text: String
    public var blocks: [Block]

    public init(_ alert: AlertText) {
        var blocks = [Block(type: "header", text: .init(type: "plain_text", text: Self.cut(alert.subject, to: Self.headerLimit)), elements: nil)]
        // Room for the header, and a closing context block (the link, or the note of what was left out).
        let room = Self.blockLimit - 2
        for entry in alert.entries.prefix(room) {
            let body = "*\(Self.escape(entry.title))*\n" + entry.fields.map { "*\(Self.escape($0.name)):* \(Self.escape($0.value))" }.joined(separator: "\n")
            blocks.append(Block(type: "section", text: .init(type: "mrkdwn", text: Self.cut(body, to: Self.sectionLimit)), elements: nil))
        }
        var context: [String] = []
        if alert.entries.count > room { context.append("… and \(alert.entries.count - room) more alerts not shown here") }
        if let link = alert.link { context.append("<\(link)|Open the dashboard>") }
        if !context.isEmpty {
            blocks.append(Block(type: "context", text: nil, elements: [.init(type: "mrkdwn", text: Self.cut(context.joined(separator: " · "), to: Self.sectionLimit))]))
        }
        self.blocks = blocks
        text = Self.cut(alert.plain, to: Self.textLimit)
    }

    /// `text` shortened to `limit` characters, ending with a note of how many were left out.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var note = ""
        var keep = limit
        // The note's own length depends on the number it states; two passes settle it.
        for _ in 0..<2 {
            note = "… (\(text.count - keep) more characters)"
            keep = max(0, limit - note.count)
        }
        return String(text.prefix(keep)) + note
    }

    /// Slack's three control characters in mrkdwn.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
