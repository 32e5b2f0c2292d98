import Assay
import Foundation

/// Store reads as the server answers them: nothing recorded is a 404, a store that cannot be read a 503.
enum Stored {
    static func read<T>(_ body: () async throws(StoreError) -> T) async throws(ServerError) -> T {
        do {
            return try await body()
        } catch {
            throw ServerError(error.code == .notFound ? .notFound : .unavailable, error.message)
        }
    }

    /// A check's history since `since`; a key the store has never recorded is a 404 (a known check with no
    /// result in the span is an empty history).
    static func history(of key: CheckKey, since: Date, in store: any ResultStore) async throws(ServerError) -> [HistoryPoint] {
        let points = try await read { () throws(StoreError) in try await store.history(of: key, since: since) }
        if points.isEmpty, try await read({ () throws(StoreError) in try await store.history(of: key, since: .distantPast) }).isEmpty {
            throw ServerError(.notFound, "the store has no check '\(RequestParameters.shown(key.rawValue))' (check ids are listed in a run: /api/v1/runs/RUN_ID)")
        }
        return points
    }
}
