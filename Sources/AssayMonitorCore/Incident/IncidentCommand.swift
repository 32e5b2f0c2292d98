import Foundation

/// What a person does to an incident (CLI, API, dashboard).
public enum IncidentCommand: Sendable, Hashable {
    case acknowledge
    case resolve(note: String?)
    case suppress(until: Date)
}

/// Whoever holds the incidents and can act on them (the monitor's tracker).
public protocol IncidentCommanding: Sendable {
    /// Applies `command` to the current incident `id`, stores the change and its alerts, and returns the action
    /// (`rejected` with the reason when it does not apply).
    /// - Throws: when there is no such current incident (a not-found error) or the store cannot be written.
    func apply(_ command: IncidentCommand, to id: String, by person: String, at now: Date) async throws -> IncidentStateMachine.Action
}
