import AssayCore
import PostgresNIO
import Synchronization

/// The client's own limits on one statement, so a server that died, hangs or never comes back cannot hold a run:
/// the connection lease must be granted within the connect timeout, and the whole statement must end within the
/// statement timeout plus the connect timeout (the server's own `statement_timeout` normally ends it first).
/// When a limit passes, the leased connection is closed, which fails whatever was waiting on it.
package struct StatementDeadline: Sendable {
    package var connectTimeout: TimeSpan
    package var statementTimeout: TimeSpan

    package enum Expiry: Error { case lease, statement }

    package init(connectTimeout: TimeSpan, statementTimeout: TimeSpan) {
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
    }

    /// Runs `operation` with a connection from `pool` under both limits.
    package func run<T: Sendable>(on pool: PostgresClient,
                          _ operation: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lease = LeaseState()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                do {
                    return try await pool.withConnection { connection in
                        try lease.leased(connection)
                        return try await operation(connection)
                    }
                } catch {
                    // Closing the connection at the deadline fails the statement with the driver's "connection
                    // closed": the cause is the deadline, whichever task reports first.
                    if let expiry = lease.expiry { throw expiry }
                    throw error
                }
            }
            group.addTask {
                try await Task.sleep(for: Self.duration(connectTimeout))
                if lease.expireUnlessLeased() { throw Expiry.lease }
                try await Task.sleep(for: Self.duration(statementTimeout))
                lease.expire()
                throw Expiry.statement
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw Expiry.statement
        }
    }

    private static func duration(_ span: TimeSpan) -> Duration { .milliseconds(Int64((span.seconds * 1000).rounded(.up))) }
}

/// The connection of one statement, and whether its time ran out.
private final class LeaseState: Sendable {
    private struct State {
        var connection: PostgresConnection?
        var expiry: StatementDeadline.Expiry?
    }

    private let state = Mutex(State())

    /// Which limit ran out, if one did.
    var expiry: StatementDeadline.Expiry? { state.withLock { $0.expiry } }

    /// Records the leased connection; throws (after closing it) when the deadline has already passed.
    func leased(_ connection: PostgresConnection) throws {
        let late = state.withLock { state in
            state.connection = connection
            return state.expiry != nil
        }
        if late {
            Self.close(connection)
            throw StatementDeadline.Expiry.statement
        }
    }

    /// Expires the lease when no connection was granted yet; returns whether it did.
    func expireUnlessLeased() -> Bool {
        state.withLock { state in
            guard state.connection == nil else { return false }
            state.expiry = .lease
            return true
        }
    }

    /// Expires the statement and closes its connection, failing the query waiting on it.
    func expire() {
        let connection = state.withLock { state in
            state.expiry = .statement
            return state.connection
        }
        if let connection { Self.close(connection) }
    }

    /// Closes the channel without waiting: every promise on it fails, which ends the statement.
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in }
    }
}
