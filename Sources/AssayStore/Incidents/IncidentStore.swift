import AssayCore
import AssayMonitorCore
import Foundation

/// Where the monitor keeps incidents and the alerts they owe (the outbox): an incident's change and the alerts it
/// causes are written in one transaction, so a crash can neither lose an alert nor send one for a change that was not
/// kept. Each alert is one delivery per channel, with its delivery state.
public protocol IncidentStore: Sendable {
    /// Writes the incident machine's state for its check and queues `alerts`, in one transaction. An alert already
    /// queued (same event id and channel) is left as it is.
    func save(_ record: IncidentRecord, alerts: [QueuedAlert]) async throws(StoreError)
    /// Each check's latest incident state in `suite` (to rebuild the machines after a restart).
    func incidentStates(suite: String) async throws(StoreError) -> [IncidentRecord]
    /// Incidents, newest first; only those with `status` when given.
    func incidents(status: Incident.Status?, last: Int) async throws(StoreError) -> [Incident]
    /// One incident's record.
    /// - Throws: ``StoreError/Code/notFound``.
    func incident(id: String) async throws(StoreError) -> IncidentRecord
    /// Deliveries pending and due at `now`, plus those left `sending` by a crash (any time), oldest first.
    func dueDeliveries(now: Date, limit: Int) async throws(StoreError) -> [QueuedAlert]
    /// Writes a delivery's new state.
    func update(_ delivery: QueuedAlert) async throws(StoreError)
    /// Writes several deliveries' new states in one transaction: all of them or none (the deliveries of one message,
    /// so a crash leaves a group either wholly `sending`, to be resent as the same message, or wholly done).
    func update(_ deliveries: [QueuedAlert]) async throws(StoreError)
    /// Deliveries, the newest queued first: only those of the incident `incident` and only those in `status`, when
    /// given (the dashboard's alerts of an incident, and its list of failed deliveries).
    func deliveries(incident: String?, status: QueuedAlert.Status?, last: Int) async throws(StoreError) -> [QueuedAlert]
    /// How many deliveries are in each state, and the queue time of the oldest one not sent (for `/metrics`).
    func outboxSummary() async throws(StoreError) -> OutboxSummary
}

/// One check's incident state, as the store keeps it.
public struct IncidentRecord: Sendable, Hashable {
    public var suite: String
    public var check: CheckKey
    public var state: IncidentStateMachine.State

    public init(suite: String, check: CheckKey, state: IncidentStateMachine.State) {
        self.suite = suite
        self.check = check
        self.state = state
    }
}

/// One alert's delivery to one channel.
public struct QueuedAlert: Sendable, Hashable {
    public var event: AlertEvent
    public var channel: String
    public var route: String
    public var queuedAt: Date
    public var delivery: DeliveryStateMachine.State

    public init(event: AlertEvent, channel: String, route: String, queuedAt: Date,
                delivery: DeliveryStateMachine.State? = nil) {
        self.event = event
        self.channel = channel
        self.route = route
        self.queuedAt = queuedAt
        self.delivery = delivery ?? .pending(attempts: 0, notBefore: queuedAt)
    }

    /// A delivery state's name, as stored.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending, sending, sent, failed
    }

    /// The delivery state's name.
    public var status: Status { Status(rawValue: statusName) ?? .pending }

    /// The state's name, as stored: pending, sending, sent or failed.
    @inline(never)      // inlined, Swift 6.3.1's CopyPropagation crashes on the stores' writes in release builds
    var statusName: String {
        switch delivery {
        case .pending: "pending"
        case .sending: "sending"
        case .sent: "sent"
        case .failed: "failed"
        }
    }

    /// Attempts made so far.
    @inline(never)
    var attempts: Int {
        switch delivery {
        case .pending(let n, _), .sent(_, let n), .failed(_, _, let n): n
        case .sending(let n): n
        }
    }

    /// When it may be sent (pending), for the due query.
    @inline(never)
    var notBefore: Date? {
        if case .pending(_, let at) = delivery { return at }
        return nil
    }
}

/// The outbox at a glance.
public struct OutboxSummary: Sendable, Hashable {
    public var pending: Int
    public var sending: Int
    public var sent: Int
    public var failed: Int
    /// When the oldest delivery not yet sent (pending or sending) was queued.
    public var oldestUnsent: Date?
}
