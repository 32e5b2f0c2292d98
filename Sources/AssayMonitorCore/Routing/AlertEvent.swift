import AssayCore
import Foundation

/// One alert to send: what happened to which incident.
public struct AlertEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case opened, escalated, repeated, acknowledged, resolved, reopened
    }

    /// Stable across retries and restarts: receivers use it to drop repeats.
    public var id: String
    public var kind: Kind
    public var incident: Incident
    public var at: Date

    public init(id: String, kind: Kind, incident: Incident, at: Date) {
        self.id = id
        self.kind = kind
        self.incident = incident
        self.at = at
    }

    /// The alert an incident action calls for, if any.
    public init?(_ action: IncidentStateMachine.Action, id: String, at: Date) {
        let pair: (Kind, Incident)
        switch action {
        case .opened(let i): pair = (.opened, i)
        case .escalated(let i): pair = (.escalated, i)
        case .repeated(let i): pair = (.repeated, i)
        case .acknowledged(let i): pair = (.acknowledged, i)
        case .resolved(let i): pair = (.resolved, i)
        case .reopened(let i): pair = (.reopened, i)
        case .none, .updated, .suppressed, .rejected: return nil
        }
        self.init(id: id, kind: pair.0, incident: pair.1, at: at)
    }
}
