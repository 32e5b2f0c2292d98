import AssayCore
import Foundation
import GRDB
import Synchronization

/// `regexp(pattern, value)`, which SQLite calls for `value REGEXP pattern`, with PostgreSQL `~` semantics.
/// Compiled patterns are cached: a check uses one pattern for millions of rows.
enum RegexpFunction {
    private static let cache = Mutex<[String: NSRegularExpression]>([:])

    static let function = DatabaseFunction("regexp", argumentCount: 2, pure: true) { values in
        guard let pattern = String.fromDatabaseValue(values[0]) else { return nil }
        guard !values[1].isNull else { return nil }
        let text = String.fromDatabaseValue(values[1]) ?? values[1].description
        return try compiled(pattern).matches(text)
    }

    private static func compiled(_ pattern: String) throws -> NSRegularExpression {
        if let regex = cache.withLock({ $0[pattern] }) { return regex }
        var source = pattern
        let caseInsensitive = source.hasPrefix("(?i)")
        if caseInsensitive { source.removeFirst(4) }
        let regex = try RegexPattern.compile(source, caseInsensitive: caseInsensitive)
        cache.withLock { $0[pattern] = regex }
        return regex
    }
}
