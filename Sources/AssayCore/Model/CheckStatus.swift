/// The outcome of one check. `error` means the check could not run; it is never a pass.
public enum CheckStatus: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case pass = "PASS"
    case warn = "WARN"
    case fail = "FAIL"
    case error = "ERROR"

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: CheckStatus, rhs: CheckStatus) -> Bool { lhs.rank < rhs.rank }

    /// The process exit code for a run whose worst status is this one (as `soda scan` does).
    public var exitCode: Int32 {
        switch self {
        case .pass: 0
        case .warn: 1
        case .fail: 2
        case .error: 3
        }
    }
}
