import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation

/// Turns runs into incidents and alerts: one incident state machine per check of a suite, rebuilt from the store at
/// start; each run's results move them, and every change is stored together with the alerts it causes (one delivery
/// per channel of each matching route, held back for the route's grouping wait and quiet hours). An actor: the
/// scheduler's runs and people (CLI, API) acknowledging or suppressing share the machines.
public actor IncidentTracker: IncidentCommanding {
    let store: any IncidentStore
    let suite: String
    let policy: @Sendable (Severity) -> IncidentPolicy
    let router: AlertRouter
    let owners: [String: String]
    let tags: [String: Set<String>]
    let blastRadius: (@Sendable (String) async -> BlastRadius?)?
    private var machines: [CheckKey: IncidentStateMachine] = [:]
    /// Rung when alerts are queued, so the outbox sends them at once.
    nonisolated let doorbell = Doorbell()
    /// One change at a time: a change reads a machine, awaits the store, then keeps the machine, and a second change
    /// of the same machine (two jobs both observing the source) must start from the first's result.
    private var changing = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// - Parameters:
    ///   - policy: each severity's incident policy (the seed's settings: ``SeedAlerting/policy(for:monitoring:alerting:)``).
    ///   - owners: each table's owner, for routes that match by owner; `tags` likewise.
    ///   - blastRadius: what a table feeds (from the lineage graph), asked when one of its checks fails; the
    ///     incident keeps it.
    public init(store: any IncidentStore, suite: String, router: AlertRouter, owners: [String: String] = [:],
                tags: [String: Set<String>] = [:], blastRadius: (@Sendable (String) async -> BlastRadius?)? = nil,
                policy: @escaping @Sendable (Severity) -> IncidentPolicy) {
        self.blastRadius = blastRadius
        self.store = store
        self.suite = suite
        self.router = router
        self.owners = owners
        self.tags = tags
        self.policy = policy
    }

    /// Rebuilds every check's machine from the store (after a start or a crash).
    public func load() async throws(StoreError) {
        machines = [:]
        for record in try await store.incidentStates(suite: suite) {
            let severity = record.state.incident?.severity ?? .medium
            machines[record.check] = Self.machine(state: record.state, policy: policy(severity))
        }
    }

    /// The key of the one incident a run with an unusable source opens (instead of one ERROR incident per check).
    public var sourceKey: CheckKey { CheckKey("\(suite).__source__") }

    /// Applies a run's results; returns what changed (the actions other than `none`). A run whose source was
    /// unusable (server gone, login refused) is one ERROR incident "source unavailable" for the suite, and says
    /// nothing about the checks; the next run that reaches the source resolves it. A digest route takes the run's
    /// alerts only when the results it matches are worth a digest (``AlertRoute/digestWorthy(_:)``).
    /// - Parameter firstBadRow: per check, when its oldest violating row was written (an incremental poll knows).
    public func observe(_ result: SuiteResult, firstBadRow: [CheckKey: Date] = [:]) async throws(StoreError) -> [IncidentStateMachine.Action] {
        await begin()
        defer { end() }
        var changes: [IncidentStateMachine.Action] = []
        let failure = result.sourceFailure
        let source = CheckObservation(check: sourceKey, table: "(source)", severity: .critical, status: failure == nil ? .pass : .error,
                                      message: failure.map { "source unavailable: \($0.message)" } ?? "source reachable", at: result.startedAt)
        var sourceMachine = machines[sourceKey] ?? Self.machine(state: .clear, policy: policy(.critical))
        let sourceAction = sourceMachine.observe(source)
        if try await persist(sourceAction, machine: sourceMachine, check: sourceKey, at: result.startedAt) { changes.append(sourceAction) }
        guard failure == nil else { return changes }
        var held: Set<String> = [], worthy: Set<String> = []
        for route in router.routes where route.digest {
            let statuses = result.results.lazy.filter { check in
                route.matches(table: check.table, severity: check.severity, owner: self.owners[check.table], tags: self.tags[check.table] ?? [])
            }.map(\.status)
            if AlertRoute.digestWorthy(statuses) { worthy.insert(route.name) } else { held.insert(route.name) }
        }
        let digest = Digest(held: held, worthy: worthy, run: result.runID)
        var radius: [String: BlastRadius?] = [:]
        for check in result.results {
            if let blastRadius, check.status != .pass, radius[check.table] == nil { radius[check.table] = .some(await blastRadius(check.table)) }
            let observation = CheckObservation(check: check.key, table: check.table, severity: check.severity, status: check.status,
                                               message: check.message, violations: check.violations, at: result.startedAt,
                                               firstBadRowAt: firstBadRow[check.key], blastRadius: radius[check.table] ?? nil)
            var machine = machines[check.key] ?? Self.machine(state: .clear, policy: policy(check.severity))
            let action = machine.observe(observation)
            if try await persist(action, machine: machine, check: check.key, at: result.startedAt, digest: digest) { changes.append(action) }
        }
        return changes
    }

    /// Time passes: escalations, reminders and ends of suppressions.
    public func tick(now: Date) async throws(StoreError) -> [IncidentStateMachine.Action] {
        await begin()
        defer { end() }
        var changes: [IncidentStateMachine.Action] = []
        for key in machines.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard var machine = machines[key] else { continue }
            let action = machine.tick(now: now)
            if try await persist(action, machine: machine, check: key, at: now) { changes.append(action) }
        }
        return changes
    }

    /// - Throws: ``StoreError/Code/notFound`` for an unknown incident id, or an incident that is not the current one of
    ///   its check; `invalidRequest`-like refusals come back as the `.rejected` action.
    public func apply(_ command: IncidentCommand, to id: String, by person: String, at now: Date) async throws(StoreError) -> IncidentStateMachine.Action {
        await begin()
        defer { end() }
        guard let (key, current) = machines.first(where: { $0.value.incident?.id == id }) else {
            throw StoreError(.notFound, "no current incident \(id) in suite '\(suite)'")
        }
        var machine = current
        let action: IncidentStateMachine.Action = switch command {
        case .acknowledge: machine.acknowledge(by: person, at: now)
        case .resolve(let note): machine.resolve(by: person, note: note, at: now)
        case .suppress(let until): machine.suppress(until: until, by: person, at: now)
        }
        _ = try await persist(action, machine: machine, check: key, at: now)
        return action
    }

    private func begin() async {
        guard changing else {
            changing = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next waiting change, if any (it stays taken), else frees it.
    private func end() {
        if waiting.isEmpty { changing = false } else { waiting.removeFirst().resume() }
    }

    /// Stores the machine's state and the alerts `action` calls for, then keeps the machine; whether anything
    /// changed. When the store cannot be written the machine is not kept: the next run or tick makes the same change
    /// again (and queues its alerts), so a busy or full store delays an alert but never loses it.
    /// - Parameter digest: the run's digest routes: those it is not worth a message on (`held`), and those it is
    ///   (`worthy`), which also hear of every incident the run still finds open, so a digest lists them all.
    private func persist(_ action: IncidentStateMachine.Action, machine: IncidentStateMachine, check: CheckKey,
                         at now: Date, digest: Digest = Digest()) async throws(StoreError) -> Bool {
        switch action {
        case .none, .rejected:
            machines[check] = machine
            return false
        default: break
        }
        var alerts: [QueuedAlert] = []
        var event = machine.incident.flatMap { AlertEvent(action, id: Self.eventID(action, $0, at: now), at: now) }
        var only: Set<String>?
        if event == nil, case .updated(let incident) = action, incident.status != .suppressed, let run = digest.run, !digest.worthy.isEmpty {
            event = AlertEvent(id: "\(incident.id):digest:\(run)", kind: .repeated, incident: incident, at: now)
            only = digest.worthy
        }
        if let incident = machine.incident, let event {
            for route in router.routes(table: incident.table, severity: incident.severity, owner: owners[incident.table],
                                       tags: tags[incident.table] ?? [])
            where !digest.held.contains(route.name) && only.map({ $0.contains(route.name) }) != false {
                let release = route.quietHours?.release(of: incident.severity, at: now) ?? now
                let due = max(release, now.addingTimeInterval(route.groupWaitSeconds))
                for channel in route.channels {
                    alerts.append(QueuedAlert(event: event, channel: channel, route: route.name, queuedAt: now,
                                              delivery: .pending(attempts: 0, notBefore: due)))
                }
            }
        }
        try await store.save(IncidentRecord(suite: suite, check: check, state: machine.state), alerts: alerts)
        machines[check] = machine
        if !alerts.isEmpty { doorbell.ring() }
        return true
    }

    /// A run's digest routes (see ``persist(_:machine:check:at:digest:)``).
    struct Digest {
        var held: Set<String> = []
        var worthy: Set<String> = []
        var run: RunID?
    }

    /// An alert's id, the same when the same change is applied again (a run replayed after a crash), so the outbox
    /// keeps one.
    static func eventID(_ action: IncidentStateMachine.Action, _ incident: Incident, at now: Date) -> String {
        switch action {
        case .opened: "\(incident.id):opened"
        case .reopened: "\(incident.id):reopened:\(incident.reopened)"
        case .escalated: "\(incident.id):escalated:\(incident.escalations)"
        case .repeated: "\(incident.id):repeated:\(Int(now.timeIntervalSince1970))"
        case .acknowledged: "\(incident.id):acknowledged"
        case .resolved: "\(incident.id):resolved:\(incident.reopened)"
        default: "\(incident.id):\(Int(now.timeIntervalSince1970))"
        }
    }

    static func machine(state: IncidentStateMachine.State, policy: IncidentPolicy) -> IncidentStateMachine {
        IncidentStateMachine(state: state, policy: policy) { observation in RunID(startingAt: observation.at).rawValue }
    }
}
