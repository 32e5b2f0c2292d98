import AssayCore
import AssayMonitorCore
import Foundation

/// The JSON the incident tables hold (instants as seconds since 1970, exact), shared by both backends.
enum IncidentCoding {
    static func encode<T: Encodable>(_ value: T) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.unavailable, "cannot encode \(T.self) for the store: \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws(StoreError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.notAStore, "\(what) in the store cannot be read: \(error)")
        }
    }

    /// The incident a state holds, for the indexed columns.
    static func incident(of state: IncidentStateMachine.State) -> Incident? { state.incident }

    /// Each check's record from `(check key, state)` rows, the first row of a check winning.
    static func records(suite: String, _ rows: [(String, String)]) throws(StoreError) -> [IncidentRecord] {
        var seen = Set<String>()
        var records: [IncidentRecord] = []
        for (check, state) in rows where seen.insert(check).inserted {
            records.append(IncidentRecord(suite: suite, check: CheckKey(check),
                                          state: try decode(IncidentStateMachine.State.self, state, what: "the incident of \(check)")))
        }
        return records
    }

    /// The incidents that stored states hold.
    static func incidents(_ states: [String]) throws(StoreError) -> [Incident] {
        var incidents: [Incident] = []
        for text in states {
            if let incident = try decode(IncidentStateMachine.State.self, text, what: "an incident").incident { incidents.append(incident) }
        }
        return incidents
    }

    /// Deliveries from `(channel, route, queued_at, delivery, event)` rows.
    static func deliveries(_ rows: [(String, String, String, String, String)], now: Date) throws(StoreError) -> [QueuedAlert] {
        var due: [QueuedAlert] = []
        for row in rows {
            due.append(QueuedAlert(event: try decode(AlertEvent.self, row.4, what: "an alert"), channel: row.0, route: row.1,
                                   queuedAt: InstantText.date(row.2) ?? now,
                                   delivery: try decode(DeliveryStateMachine.State.self, row.3, what: "an alert's delivery")))
        }
        return due
    }
}
