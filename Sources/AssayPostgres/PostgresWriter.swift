import AssayCore
import Logging
import PostgresNIO

/// Remediation's write connection to PostgreSQL: one direct connection per transaction, `READ COMMITTED`, in UTC,
/// under the URL's statement timeout. A move is one statement (`WITH moved AS (DELETE ... RETURNING ...) INSERT ...`),
/// so it reads one snapshot; a row another client updates meanwhile is judged again at its new version, and a row
/// inserted meanwhile is neither moved nor deleted.
public struct PostgresWriter: RowWriter {
    public let dialect: any SQLDialect = PostgresDialect()
    public let url: PostgresURL
    public var displayName: String { url.displayName }

    /// - Throws: ``RemediationError`` `.notWritable` for a URL that cannot be used.
    public init(url text: String, limits: RunLimits = RunLimits()) throws(RemediationError) {
        do throws(SourceError) { url = try PostgresURL(text, limits: limits) } catch {
            throw RemediationError(.notWritable, "the writer URL is not usable: \(error.message)")
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any WriteTransaction) async throws(RemediationError) -> T) async throws(RemediationError) -> T {
        let connection: PostgresConnection
        do {
            let configuration = try url.connectionConfiguration(startupParameters: [
                ("TimeZone", "UTC"), ("application_name", "assay-remediation"),
                ("statement_timeout", String(Int(url.statementTimeout.seconds * 1000))),
            ])
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.quiet)
        } catch {
            throw describe(error)
        }
        let tx = Transaction(connection: connection, writer: self)
        do {
            _ = try await tx.execute(SQLFragment("BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE"))
            let value = try await body(tx)
            _ = try await tx.execute(SQLFragment("COMMIT"))
            try? await connection.close()
            return value
        } catch {
            _ = try? await tx.execute(SQLFragment("ROLLBACK"))
            try? await connection.close()
            throw error
        }
    }

    /// A server or connection failure in plain words; never the password.
    func describe(_ error: any Error) -> RemediationError {
        if let error = error as? RemediationError { return error }
        if let psql = error as? PSQLError, let info = psql.serverInfo, let state = info[.sqlState] {
            let message = url.scrubbed((info[.message] ?? "server error") + (info[.detail].map { " (\($0))" } ?? ""))
            switch state {
            case "42501", "25006":
                return RemediationError(.notWritable, "the write connection \(url.displayName) may not change this: \(message); no row was changed")
            case "23505":
                return RemediationError(.keysReused, "a row with the same key is already there: \(message); no row was changed")
            case "40001", "40P01":
                return RemediationError(.writer, "PostgreSQL gave up the transaction because of a concurrent one (\(state)): \(message); no row was changed; run it again")
            default:
                return RemediationError(.writer, "PostgreSQL error \(state): \(message); no row was changed")
            }
        }
        let source = SourceError.postgres(error, url: url)
        let code: RemediationError.Code = source.code == .authentication || source.code == .permissionDenied ? .notWritable : .writer
        return RemediationError(code, "\(source.message); no row was changed")
    }

    private static let quiet = Logger(label: "assay.postgres.writer", factory: { _ in SwiftLogNoOpLogHandler() })

    private struct Transaction: WriteTransaction {
        let connection: PostgresConnection
        let writer: PostgresWriter

        private func query(_ sql: SQLFragment) -> PostgresQuery {
            PostgresQuery(unsafeSQL: writer.dialect.render(sql), binds: PostgresBindings(sql.bindings))
        }

        func execute(_ sql: SQLFragment) async throws(RemediationError) -> Int {
            do {
                return try await connection.query(query(sql), logger: PostgresWriter.quiet) { _ in }.get().rows ?? 0
            } catch {
                throw writer.describe(error)
            }
        }

        func rows(_ sql: SQLFragment) async throws(RemediationError) -> [[SQLValue]] {
            do {
                var rows: [[SQLValue]] = []
                for try await row in try await connection.query(query(sql), logger: PostgresWriter.quiet) {
                    rows.append(row.map(SQLValue.init))
                }
                return rows
            } catch {
                throw writer.describe(error)
            }
        }

        func schema(of table: String) async throws(RemediationError) -> TableSchema? {
            var binds = PostgresBindings()
            binds.append([table])
            do {
                var rows: [[SQLValue]] = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: PostgresCatalogue.query, binds: binds), logger: PostgresWriter.quiet) {
                    rows.append(row.map(SQLValue.init))
                }
                return try PostgresCatalogue.schemas(from: rows)[table]
            } catch {
                throw writer.describe(error)
            }
        }
    }
}
