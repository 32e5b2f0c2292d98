import AssayCore
import Foundation
import PostgresNIO

extension SourceError {
    /// Phrases a PostgresNIO error for a person, from the server's SQLSTATE and message when there is one.
    /// `PSQLError.description` is deliberately generic, so the server fields are read directly. Text from the driver
    /// or the server passes through ``PostgresURL/scrubbed(_:)``, so no password reaches the message.
    package static func postgres(_ error: any Error, url: PostgresURL) -> SourceError {
        if let source = error as? SourceError { return source }
        guard let psql = error as? PSQLError else {
            return SourceError(.unreachable, "cannot reach PostgreSQL at \(url.host):\(url.port): \(url.scrubbed(plainCause(error)))")
        }
        if let info = psql.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? "server error"
            let detail = info[.detail].map { " (\($0))" } ?? ""
            let code: Code = switch state {
            case "28P01", "28000": .authentication
            case "3D000": .missingDatabase
            case "42501": .permissionDenied
            case "57014": .timeout
            case "57P01", "57P02", "57P03": .connectionLost
            default: .sql
            }
            let lead: String = switch code {
            case .authentication: "PostgreSQL refused the login of '\(url.user)'"
            case .missingDatabase: "database '\(url.database)' does not exist on \(url.host):\(url.port)"
            case .timeout: "the statement ran past the statement timeout of \(url.statementTimeout) and was cancelled"
            case .connectionLost: "the PostgreSQL server shut down or restarted during the run"
            default: "PostgreSQL error \(state)"
            }
            return SourceError(code, "\(lead): \(url.scrubbed(message + detail))")
        }
        switch psql.code {
        case .connectionError:
            let cause = psql.underlying.map { url.scrubbed(plainCause($0)) } ?? "connection failed"
            return SourceError(.unreachable, "cannot connect to PostgreSQL at \(url.host):\(url.port): \(cause)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return SourceError(.connectionLost, "the connection to PostgreSQL at \(url.host):\(url.port) was lost during the run")
        case .sslUnsupported:
            return SourceError(.unreachable, "the server at \(url.host):\(url.port) does not support TLS, but sslmode=\(url.sslMode.rawValue) requires it")
        case .authMechanismRequiresPassword:
            return SourceError(.authentication, "PostgreSQL asks '\(url.user)' for a password: put it in the URL or in PGPASSWORD")
        case .queryCancelled:
            return SourceError(.timeout, "the statement was cancelled")
        default:
            return SourceError(.sql, "PostgreSQL client error: \(url.scrubbed(String(reflecting: psql)))")
        }
    }

    /// The cause of a failed connection in a few plain words ("connection refused", "no answer within 10s"),
    /// instead of the networking library's nested error values.
    static func plainCause(_ error: any Error) -> String {
        switch error {
        case let failure as NIOConnectionError:
            if let first = failure.connectionErrors.first { return plainCause(first.error) }
            if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "the host name '\(failure.host)' cannot be resolved" }
            return "connection failed"
        case let failure as IOError:
            return String(cString: strerror(failure.errnoCode)).lowercased()
        case let failure as ChannelError:
            if case .connectTimeout(let limit) = failure { return "no answer within the connect timeout of \(TimeSpan(seconds: Double(limit.nanoseconds) / 1e9))" }
            return "\(failure)"
        default:
            return "\(error)"
        }
    }
}
