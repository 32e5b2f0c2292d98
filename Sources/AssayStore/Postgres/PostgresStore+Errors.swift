import AssayCore
import AssayPostgres
import PostgresNIO

extension PostgresStore {
    /// Phrases a failure for a person: it names the server, database and schema, never the password (text from the
    /// driver or the server passes through ``PostgresURL``'s scrubbing).
    static func describe(_ error: any Error, _ location: PostgresStoreLocation) -> StoreError {
        if let error = error as? StoreError { return error }
        let url = location.url, name = location.displayName
        switch error as? StatementDeadline.Expiry {
        case .lease:
            return StoreError(.unavailable, "cannot connect to the store \(name) within the connect timeout of \(url.connectTimeout)")
        case .statement:
            return StoreError(.unavailable, "the store \(name) did not answer within the statement timeout of \(url.statementTimeout) plus the connect timeout; the connection was closed")
        case nil:
            break
        }
        if error is PostgresDecodingError || error is MissingColumnValue || error is DecodingError {
            return StoreError(.notAStore, "the store \(name) holds a row this version cannot read: \(url.scrubbed(String(describing: error)))")
        }
        if let psql = error as? PSQLError, let state = psql.serverInfo?[.sqlState] {
            let message = url.scrubbed(psql.serverInfo?[.message] ?? "server error")
            switch state {
            case "42501":
                return StoreError(.unavailable, "the store \(name) cannot be used by role '\(url.user)': \(message) (recording needs SELECT, INSERT and DELETE on the schema's tables, creating the store CREATE on the database; see docs/store.md)")
            case "25006":
                return StoreError(.unavailable, "the store \(name) is read-only: runs cannot be recorded (\(message)); give a writable --store or --no-store")
            default:
                break
            }
        }
        return StoreError(.unavailable, "the store \(name) cannot be used: \(SourceError.postgres(error, url: url).message)")
    }
}
