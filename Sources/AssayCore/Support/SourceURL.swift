import Foundation

/// Source URLs: `sqlite:PATH` (relative paths are relative to the configuration file), `postgres://...`.
public enum SourceURL {
    /// Resolves a relative SQLite path against a directory; other URLs are returned unchanged.
    public static func resolvingRelativePath(_ url: String, relativeTo directory: String) -> String {
        guard let path = sqlitePath(url), !path.hasPrefix("/"), !directory.isEmpty else { return url }
        return "sqlite:" + (directory as NSString).appendingPathComponent(path)
    }

    /// The file path of a `sqlite:` URL (`sqlite:bank.db`, `sqlite://bank.db`, `sqlite:///abs/bank.db`).
    public static func sqlitePath(_ url: String) -> String? {
        for prefix in ["sqlite:///", "sqlite://", "sqlite:"] where url.hasPrefix(prefix) {
            let rest = String(url.dropFirst(prefix.count))
            return prefix == "sqlite:///" ? "/" + rest : rest
        }
        return nil
    }

    /// What replaces a password.
    private static let redaction = "***"

    /// `text` with the password of every URL in it replaced by `***`: the one after `user:` before `@`
    /// (`postgres://user:***@host/db`) and any `password=` query parameter. Text without URLs is returned unchanged,
    /// so the function suits a single URL and a message quoting one alike.
    ///
    /// ```swift
    /// SourceURL.redacted("postgres://app:s3cret@db:5432/bank")  // "postgres://app:***@db:5432/bank"
    /// ```
    public static func redacted(_ text: String) -> String {
        guard text.contains("://") || text.localizedCaseInsensitiveContains("password=") else { return text }
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            let after = rest[scheme.upperBound...]
            let end = after.firstIndex(where: isURLEnd) ?? after.endIndex
            result += redactedURLBody(after[..<end])
            rest = after[end...]
        }
        return redactingPasswordParameters(result + rest)
    }

    /// The part of a URL after `scheme://`, with the password of its user information replaced.
    private static func redactedURLBody(_ body: Substring) -> String {
        let head = body[..<(body.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? body.endIndex)]
        guard let at = head.lastIndex(of: "@"), let colon = head[..<at].firstIndex(of: ":") else { return String(body) }
        return String(body[...colon]) + redaction + String(body[at...])
    }

    /// `password=...` parameters (up to `&`, `;`, a blank or a quote) with the value replaced.
    private static func redactingPasswordParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let key = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<key.upperBound]
            let value = rest[key.upperBound...]
            let end = value.firstIndex(where: { $0 == "&" || $0 == ";" || isURLEnd($0) }) ?? value.endIndex
            if end > value.startIndex { result += redaction }
            rest = value[end...]
        }
        return result + rest
    }

    /// Characters that end a URL quoted in prose: blanks and quotes.
    private static func isURLEnd(_ c: Character) -> Bool {
        c.isWhitespace || c == "\"" || c == "'" || c == "`" || c == "<" || c == ">"
    }
}
