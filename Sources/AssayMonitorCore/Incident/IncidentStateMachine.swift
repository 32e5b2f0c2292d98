import AssayCore
import Foundation

/// The life of one check's incidents, as a pure state machine (postgres-nio's `ConnectionStateMachine` pattern):
/// events are `mutating` methods that return the ``Action`` the executor performs (persist the incident and, in the
/// same transaction, queue the alert the action names). Time comes in with each event; nothing here reads a clock.
///
/// ```
/// clear ──fail──▶ open ──ack──▶ acknowledged ──N passes / resolve──▶ resolved ──fail (within reopen)──▶ open
///                  │  ▲                                                  │
///                  │  └──── suppression ends while failing ── suppressed ◀┘ (suppress from open or acknowledged)
///                  └──N passes / resolve──▶ resolved ──fail (later)──▶ open (a new incident)
/// ```
public struct IncidentStateMachine: Sendable {
    public enum State: Sendable, Hashable, Codable {
        /// No incident, or none yet.
        case clear
        /// The check is bad; `passes` counts the passing runs since its last failure.
        case open(Incident, passes: Int, lastAlertAt: Date)
        /// Resolved; kept so that a failure soon after reopens it.
        case resolved(Incident)

        /// The incident the state holds, if any.
        public var incident: Incident? {
            switch self {
            case .clear: nil
            case .open(let incident, _, _), .resolved(let incident): incident
            }
        }
    }

    /// What the executor must do.
    public enum Action: Sendable, Hashable {
        case none
        /// Store the new incident and send the "opened" alert.
        case opened(Incident)
        /// Store the incident (a later failure: affected records, last seen); no alert.
        case updated(Incident)
        /// Store it and send the "escalated" alert (nobody acknowledged in time).
        case escalated(Incident)
        /// Store it and send the reminder of a still-open incident.
        case repeated(Incident)
        /// Store it and tell the channels that track state (PagerDuty "acknowledge").
        case acknowledged(Incident)
        /// Store it; no alert until the suppression ends.
        case suppressed(Incident)
        /// Store it and send the "resolved" alert.
        case resolved(Incident)
        /// Store it and send the "opened" alert again: the same incident is back.
        case reopened(Incident)
        /// The event does not apply (acknowledging when nothing is open); the reason says why.
        case rejected(String)
    }

    public private(set) var state: State
    public let policy: IncidentPolicy
    private let makeID: @Sendable (CheckObservation) -> String

    /// - Parameter makeID: the id of a new incident (a UUID v7 in the monitor; deterministic in tests).
    public init(state: State = .clear, policy: IncidentPolicy, makeID: @escaping @Sendable (CheckObservation) -> String) {
        self.state = state
        self.policy = policy
        self.makeID = makeID
    }

    /// The current incident, if any (resolved ones included).
    public var incident: Incident? { state.incident }

    /// A run's result for the check: a failure opens, updates or reopens; a PASS counts towards resolution; a
    /// status that neither opens nor passes (WARN, by default) is noted on an open incident and counts for neither.
    public mutating func observe(_ observation: CheckObservation) -> Action {
        if policy.opensOn.contains(observation.status) { return failed(observation) }
        if observation.status == .pass { return passed(observation) }
        guard case .open(var incident, let passes, let lastAlertAt) = state else { return .none }
        incident.latest = observation.status
        state = .open(incident, passes: passes, lastAlertAt: lastAlertAt)
        return .updated(incident)
    }

    private mutating func failed(_ o: CheckObservation) -> Action {
        switch state {
        case .clear:
            return open(o)
        case .resolved(var incident):
            // A run that began before the resolution (a person resolved it while the run was under way) says nothing
            // about the data since.
            if let resolvedAt = incident.resolvedAt, o.at < resolvedAt { return .none }
            guard let resolvedAt = incident.resolvedAt, o.at.timeIntervalSince(resolvedAt) <= policy.reopenWithinSeconds else {
                return open(o)
            }
            incident.status = .open
            incident.resolvedAt = nil
            incident.resolution = nil
            incident.reopened += 1
            apply(o, to: &incident)
            state = .open(incident, passes: 0, lastAlertAt: o.at)
            guard incident.alerted else { return announceIfDue(&incident, passes: 0, lastAlertAt: o.at, at: o.at) ?? .updated(incident) }
            return .reopened(incident)
        case .open(var incident, _, let lastAlertAt):
            apply(o, to: &incident)
            // A suppression that has ended and still sees failures: the incident is back in everyone's face.
            if incident.status == .suppressed, let until = incident.suppressedUntil, o.at >= until {
                incident.status = incident.acknowledgedAt == nil ? .open : .acknowledged
                incident.suppressedUntil = nil
                state = .open(incident, passes: 0, lastAlertAt: o.at)
                guard incident.alerted else { return announceIfDue(&incident, passes: 0, lastAlertAt: o.at, at: o.at) ?? .updated(incident) }
                return .reopened(incident)
            }
            if let announced = announceIfDue(&incident, passes: 0, lastAlertAt: lastAlertAt, at: o.at) { return announced }
            state = .open(incident, passes: 0, lastAlertAt: lastAlertAt)
            return .updated(incident)
        }
    }

    /// The first alert, once the incident has failed as many runs as the policy waits for (`nil` when not yet, or
    /// already sent).
    private mutating func announceIfDue(_ incident: inout Incident, passes: Int, lastAlertAt: Date, at now: Date) -> Action? {
        guard !incident.alerted, incident.failingRuns >= policy.alertAfterFailingRuns, incident.status != .suppressed else { return nil }
        incident.alerted = true
        state = .open(incident, passes: passes, lastAlertAt: now)
        return .opened(incident)
    }

    private mutating func passed(_ o: CheckObservation) -> Action {
        guard case .open(var incident, let passes, let lastAlertAt) = state else { return .none }
        let count = passes + 1
        incident.latest = o.status
        guard count >= policy.resolveAfterPasses else {
            state = .open(incident, passes: count, lastAlertAt: lastAlertAt)
            return .updated(incident)
        }
        return resolve(&incident, at: o.at, as: .passed(runs: count))
    }

    /// A person acknowledges the open incident: it is no longer escalated (it still resolves as usual).
    public mutating func acknowledge(by person: String, at now: Date) -> Action {
        guard case .open(var incident, let passes, let lastAlertAt) = state else { return .rejected(notOpen("acknowledged")) }
        guard incident.acknowledgedAt == nil else { return .rejected("incident \(incident.id) is already acknowledged by \(incident.acknowledgedBy ?? "someone")") }
        incident.acknowledgedBy = person
        incident.acknowledgedAt = now
        if incident.status == .open { incident.status = .acknowledged }
        state = .open(incident, passes: passes, lastAlertAt: lastAlertAt)
        return .acknowledged(incident)
    }

    /// A person resolves the incident now, whatever the check says (the next failure opens a new one, or reopens this
    /// one within the reopen window).
    public mutating func resolve(by person: String, note: String? = nil, at now: Date) -> Action {
        guard case .open(var incident, _, _) = state else { return .rejected(notOpen("resolved")) }
        return resolve(&incident, at: now, as: .manual(by: person, note: note))
    }

    /// No alert (opened, repeated, escalated) until `until`; resolution still happens. If the check still fails
    /// when the suppression ends, the incident is alerted again.
    public mutating func suppress(until: Date, by person: String, at now: Date) -> Action {
        guard case .open(var incident, let passes, _) = state else { return .rejected(notOpen("suppressed")) }
        guard until > now else { return .rejected("a suppression must end in the future") }
        incident.status = .suppressed
        incident.suppressedUntil = until
        state = .open(incident, passes: passes, lastAlertAt: now)
        return .suppressed(incident)
    }

    /// Time passes: an unacknowledged incident escalates after the policy's span; a still-open one repeats after its
    /// repeat span. Call it on every scheduler tick.
    public mutating func tick(now: Date) -> Action {
        guard case .open(var incident, let passes, let lastAlertAt) = state else { return .none }
        if incident.status == .suppressed {
            guard let until = incident.suppressedUntil, now >= until else { return .none }
            // Ended: back to open; the next failure (or repeat) alerts.
            incident.status = incident.acknowledgedAt == nil ? .open : .acknowledged
            incident.suppressedUntil = nil
            state = .open(incident, passes: passes, lastAlertAt: lastAlertAt)
            return .updated(incident)
        }
        guard incident.alerted else { return .none }
        if incident.acknowledgedAt == nil, let span = policy.escalateAfterSeconds,
           now.timeIntervalSince(incident.openedAt) >= span * Double(incident.escalations + 1) {
            incident.escalations += 1
            state = .open(incident, passes: passes, lastAlertAt: now)
            return .escalated(incident)
        }
        if let span = policy.repeatAfterSeconds, now.timeIntervalSince(lastAlertAt) >= span {
            state = .open(incident, passes: passes, lastAlertAt: now)
            return .repeated(incident)
        }
        return .none
    }

    // MARK: -

    private mutating func open(_ o: CheckObservation) -> Action {
        var incident = Incident(id: makeID(o), check: o.check, table: o.table, severity: o.severity, status: .open,
                                worst: o.status, latest: o.status, message: o.message, affectedRecords: o.violations,
                                failingRuns: 0, openedAt: o.at, firstBadRowAt: o.firstBadRowAt ?? o.at, lastSeenAt: o.at,
                                acknowledgedBy: nil, acknowledgedAt: nil, suppressedUntil: nil, resolvedAt: nil,
                                resolution: nil, escalations: 0, reopened: 0, alerted: false)
        apply(o, to: &incident)
        return announceIfDue(&incident, passes: 0, lastAlertAt: o.at, at: o.at) ?? {
            state = .open(incident, passes: 0, lastAlertAt: o.at)
            return .updated(incident)
        }()
    }

    private func apply(_ o: CheckObservation, to incident: inout Incident) {
        incident.failingRuns += 1
        incident.latest = o.status
        if o.status > incident.worst { incident.worst = o.status }
        incident.message = o.message
        incident.affectedRecords = o.violations
        incident.lastSeenAt = o.at
        incident.severity = o.severity
        if let bad = o.firstBadRowAt, bad < (incident.firstBadRowAt ?? .distantFuture) { incident.firstBadRowAt = bad }
        if let radius = o.blastRadius { incident.blastRadius = radius }
    }

    private mutating func resolve(_ incident: inout Incident, at now: Date, as resolution: Incident.Resolution) -> Action {
        incident.status = .resolved
        incident.resolvedAt = now
        incident.resolution = resolution
        incident.suppressedUntil = nil
        state = .resolved(incident)
        // The channels never heard of it: nothing to tell them it is over.
        return incident.alerted ? .resolved(incident) : .updated(incident)
    }

    private func notOpen(_ verb: String) -> String {
        switch state {
        case .clear: "no incident is open for this check, so none can be \(verb)"
        case .resolved(let incident): "incident \(incident.id) is resolved, so it cannot be \(verb)"
        case .open: "the incident cannot be \(verb)"
        }
    }
}
