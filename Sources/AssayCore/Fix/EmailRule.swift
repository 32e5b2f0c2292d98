import Foundation

/// Emails trimmed and lower-cased, with common domain typos corrected.
///
/// Confidence is the lowest of the steps taken: trimming and lower-casing 0.99; whitespace around `@` or a dot
/// removed 0.97; a doubled dot or a trailing dot in the domain 0.97; a misspelt top-level domain that is no real one
/// (`.con`, `.cmo`, `.nte`) 0.96; a domain one edit (a letter added, lost, changed, or two swapped: `gmial.com`,
/// `gmailcom`, `hotmial.com`) from exactly one known mail domain 0.96; one edit from several known domains 0.5;
/// two edits from exactly one (and the domain at least eight characters long) 0.8. A value without exactly one `@`,
/// with whitespace inside a name, or with an empty name or domain gets no proposal: the rule does not invent a
/// missing `@`.
package struct EmailRule: FixRule {
    package var id: FixRuleID { .email }

    package func unsuitability(for kind: CheckKind) -> String? { FixTarget.unsuitability(kind) }

    package func fitsAutomatically(_ check: Check) -> Bool {
        guard let column = FixTarget.column(of: check.kind) else { return false }
        let lower = column.lowercased()
        return lower.contains("email") || lower.contains("e_mail") || FixTarget.words(column).contains("mail")
    }

    package func candidates(for check: Check, row: [String: SQLValue]) -> [FixProposal] {
        guard let column = FixTarget.column(of: check.kind) else { return [] }
        let old = FixRow.value(column, in: row)
        guard let text = FixRow.text(old), let fixed = Self.correct(text), fixed.value != text else { return [] }
        return [FixTarget.proposal(check, column, old, fixed.value, .email, fixed.confidence,
                                   fixed.steps.joined(separator: "; "))]
    }

    struct Corrected {
        var value: String
        var confidence: Double
        var steps: [String]
    }

    static func correct(_ text: String) -> Corrected? {
        var confidence = 1.0
        var steps: [String] = []
        func step(_ c: Double, _ what: String) {
            confidence = min(confidence, c)
            steps.append(what)
        }
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value != text { step(0.99, "surrounding whitespace removed") }
        // Whitespace next to '@' or '.' is a slip; anywhere else it may be part of a name, so no guess.
        let squeezed = squeezingSeparators(value)
        if squeezed != value {
            value = squeezed
            step(0.97, "whitespace around '@' or '.' removed")
        }
        guard !value.contains(where: \.isWhitespace) else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        var local = String(parts[0]), domain = String(parts[1])
        if local != local.lowercased() || domain != domain.lowercased() {
            local = local.lowercased()
            domain = domain.lowercased()
            step(0.99, "lower-cased")
        }
        var cleaned = domain
        while cleaned.contains("..") { cleaned = cleaned.replacingOccurrences(of: "..", with: ".") }
        while cleaned.hasSuffix(".") { cleaned.removeLast() }
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        guard !cleaned.isEmpty else { return nil }
        if cleaned != domain {
            step(0.97, "stray dot in the domain removed")
            domain = cleaned
        }
        if !EmailDomains.known.contains(domain) {
            var labels = domain.split(separator: ".").map(String.init)
            if labels.count >= 2, let tld = EmailDomains.tldTypos[labels[labels.count - 1]] {
                let was = domain
                labels[labels.count - 1] = tld
                domain = labels.joined(separator: ".")
                step(0.96, "top-level domain typo '\(was)' -> '\(domain)'")
            }
        }
        if !EmailDomains.known.contains(domain), let (near, c) = nearestKnown(domain) {
            step(c, "domain typo '\(domain)' -> '\(near)'" + (c < 0.9 ? " (uncertain)" : ""))
            domain = near
        }
        return Corrected(value: local + "@" + domain, confidence: confidence, steps: steps)
    }

    /// The text without whitespace runs next to an `@` or a `.`.
    static func squeezingSeparators(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            guard chars[i].isWhitespace else {
                out.append(chars[i])
                i += 1
                continue
            }
            var end = i
            while end < chars.count, chars[end].isWhitespace { end += 1 }
            let after: Character? = end < chars.count ? chars[end] : nil
            if !(out.last == "@" || out.last == "." || after == "@" || after == ".") { out.append(contentsOf: chars[i..<end]) }
            i = end
        }
        return out
    }

    /// The known domain a typo most likely stands for, with the confidence of that guess.
    static func nearestKnown(_ domain: String) -> (String, Double)? {
        let target = Array(domain)
        var best = Int.max
        var at: [String] = []
        for candidate in EmailDomains.known {
            let d = EmailDomains.distance(target, Array(candidate))
            if d < best {
                best = d
                at = [candidate]
            } else if d == best {
                at.append(candidate)
            }
        }
        switch (best, at.count) {
        case (1, 1): return (at[0], 0.96)
        case (1, _): return (at.sorted()[0], 0.5)
        case (2, 1) where domain.count >= 8: return (at[0], 0.8)
        default: return nil
        }
    }
}
