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
}
