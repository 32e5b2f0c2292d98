import Foundation

extension AlertText {
    /// The same words as ``plain`` as a small self-contained HTML document (email's HTML part): the subject as a
    /// heading, one table per entry, the dashboard link. Every text is escaped; the link is a link only when it is
    /// `http(s)://`.
    public var html: String {
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(Self.escapeHTML(subject))</title></head>\n"
        out += "<body style=\"font-family: sans-serif; font-size: 14px; color: #1a1a1a;\">\n"
        out += "<h1 style=\"font-size: 18px;\">\(Self.escapeHTML(subject))</h1>\n"
        for entry in entries {
            out += "<h2 style=\"font-size: 15px; margin-bottom: 4px;\">\(Self.escapeHTML(entry.title))</h2>\n"
            out += "<table style=\"border-collapse: collapse;\">\n"
            for field in entry.fields {
                out += "<tr><th style=\"text-align: left; padding: 2px 12px 2px 0; vertical-align: top;\">\(Self.escapeHTML(field.name))</th>"
                out += "<td style=\"padding: 2px 0;\">\(Self.escapeHTML(field.value))</td></tr>\n"
            }
            out += "</table>\n"
        }
        if let link {
            let lowered = link.lowercased()
            if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") {
                out += "<p><a href=\"\(Self.escapeHTML(link))\">Open in the Assay dashboard</a></p>\n"
            } else {
                out += "<p>Dashboard: \(Self.escapeHTML(link))</p>\n"
            }
        }
        return out + "</body></html>\n"
    }

    /// `text` safe in HTML element content and in quoted attribute values: `& < > " '` as entities.
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
