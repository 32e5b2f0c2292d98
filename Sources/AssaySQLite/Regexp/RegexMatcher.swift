import AssayCore
import Foundation
import Glibc

/// One compiled pattern. ASCII text is matched by the C library's POSIX engine straight from SQLite's
/// buffer, without copying; patterns POSIX cannot express, and non-ASCII text, use ICU. Both implement
/// PostgreSQL's `~` (a search anywhere in the text). The POSIX engine (glibc's) runs an automaton, so it cannot
/// backtrack catastrophically; ICU backtracks, so its search checks the statement's deadline as it goes.
final class RegexMatcher {
    private let posix: UnsafeMutablePointer<regex_t>?
    private let icu: NSRegularExpression

    init(_ pattern: String) throws {
        var source = pattern
        let caseInsensitive = source.hasPrefix("(?i)")
        if caseInsensitive { source.removeFirst(4) }
        icu = try RegexPattern.compile(source, caseInsensitive: caseInsensitive)
        if let translated = POSIXPattern.translate(source) {
            let compiled = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
            let flags = REG_EXTENDED | REG_NOSUB | (caseInsensitive ? REG_ICASE : 0)
            if regcomp(compiled, translated, flags) == 0 {
                posix = compiled
            } else {
                compiled.deallocate()
                posix = nil
            }
        } else {
            posix = nil
        }
    }

    deinit {
        if let posix {
            regfree(posix)
            posix.deallocate()
        }
    }

    /// Whether the pattern occurs in the NUL-terminated UTF-8 text of `count` bytes; `nil` when the search ran past
    /// the deadline of `clock`'s statement.
    func matches(_ text: UnsafePointer<UInt8>, count: Int, until clock: StatementClock?) -> Bool? {
        let buffer = UnsafeBufferPointer(start: text, count: count)
        if let posix, !buffer.contains(where: { $0 >= 0x80 || $0 == 0 }) {
            return text.withMemoryRebound(to: CChar.self, capacity: count + 1) { regexec(posix, $0, 0, nil, 0) == 0 }
        }
        let string = String(decoding: buffer, as: UTF8.self)
        guard let clock else { return icu.matches(string) }
        var found = false, expired = false
        // ICU calls back now and then during a long search (`reportProgress`); that is where the deadline is checked.
        icu.enumerateMatches(in: string, options: [.reportProgress], range: NSRange(string.startIndex..., in: string)) { match, _, stop in
            if match != nil {
                found = true
                stop.pointee = true
            } else if clock.isExpired {
                expired = true
                stop.pointee = true
            }
        }
        return expired ? nil : found
    }
}
