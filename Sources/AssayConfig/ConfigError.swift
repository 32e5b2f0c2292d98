import AssayCore

/// A configuration problem, located as `file:line:column` so an editor can jump to it. One error may carry
/// every problem found in a file (``problems``), so a user fixes them all in one pass.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    /// Further problems of the same file, after this one in file order.
    public var others: [ConfigError]

    public init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
        self.others = []
    }

    /// How many problems are printed; the rest are counted ("and 12 more errors").
    public static let printedLimit = 50

    /// This problem and the others, in file order.
    public var problems: [ConfigError] {
        [ConfigError(message, at: location)] + others
    }

    /// One error holding `problems` sorted by place (stable for problems at the same place, those without a
    /// place last); `nil` when there are none.
    public init?(combining problems: [ConfigError]) {
        let flat = problems.flatMap(\.problems).enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where (l.file, l.line, l.column) != (r.file, r.line, r.column):
                return (l.file, l.line, l.column) < (r.file, r.line, r.column)
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
        guard let first = flat.first else { return nil }
        self.init(first.message, at: first.location)
        others = Array(flat.dropFirst())
    }

    /// One line per problem, the first ``printedLimit`` of them, then how many more there are.
    public var description: String {
        let all = problems
        var lines = all.prefix(Self.printedLimit).map { problem in
            problem.location.map { "\($0): error: \(problem.message)" } ?? "error: \(problem.message)"
        }
        if all.count > Self.printedLimit {
            let more = all.count - Self.printedLimit
            lines.append("and \(more) more error\(more == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }
}

/// Collects the problems of a file so decoding goes on past the first and reports them all at once.
///
/// ```swift
/// var problems = ConfigProblems()
/// let severity = problems.attempt { () throws(ConfigError) in try CheckDecoder.severity(node) }
/// try problems.throwIfAny()
/// ```
struct ConfigProblems {
    private(set) var errors: [ConfigError] = []

    var isEmpty: Bool { errors.isEmpty }

    /// Runs `body`, keeping its error; `nil` when it failed.
    @discardableResult
    mutating func attempt<T>(_ body: () throws(ConfigError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    mutating func add(_ error: ConfigError) { errors.append(error) }

    /// Throws every problem collected, as one error in file order.
    func throwIfAny() throws(ConfigError) {
        if let combined = ConfigError(combining: errors) { throw combined }
    }
}
