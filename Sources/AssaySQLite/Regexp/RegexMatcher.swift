import AssayCore
import Foundation
import Glibc

/// One compiled pattern. ASCII text is matched by the C library's POSIX engine straight from SQLite's
/// buffer, without copying; patterns POSIX cannot express, and non-ASCII text, use ICU. Both implement
/// PostgreSQL's `~` (a search anywhere in the text).
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

    /// Whether the pattern occurs in the NUL-terminated UTF-8 text of `count` bytes.
    func matches(_ text: UnsafePointer<UInt8>, count: Int) -> Bool {
        let buffer = UnsafeBufferPointer(start: text, count: count)
        if let posix, !buffer.contains(where: { $0 >= 0x80 || $0 == 0 }) {
            return text.withMemoryRebound(to: CChar.self, capacity: count + 1) { regexec(posix, $0, 0, nil, 0) == 0 }
        }
        return icu.matches(String(decoding: buffer, as: UTF8.self))
    }
}
