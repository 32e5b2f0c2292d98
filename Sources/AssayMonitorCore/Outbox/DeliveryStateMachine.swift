import Foundation

/// One queued alert's delivery to one channel, as a pure state machine: the dispatcher asks it what to do when the
/// alert is due and tells it how each attempt went; the state is persisted with the alert, so a restart resumes it.
///
/// ```
/// pending(attempts, notBefore) ──due──▶ sending ──ok──▶ sent
///        ▲                                 │
///        └──── retryable (timeout, 429, 5xx) ┤
///                                          └──4xx, or too many attempts, or too old──▶ failed (kept, visible)
/// ```
public struct DeliveryStateMachine: Sendable, Hashable {
    public enum State: Sendable, Hashable, Codable {
        case pending(attempts: Int, notBefore: Date)
        case sending(attempt: Int)
        case sent(at: Date, attempts: Int)
        case failed(reason: String, at: Date, attempts: Int)
    }

    /// How an attempt ended.
    public enum Outcome: Sendable, Hashable {
        case delivered
        /// Worth trying again: a timeout, a refused connection, HTTP 429 or 5xx, an SMTP 4xx reply.
        case retryable(reason: String, retryAfterSeconds: Double?)
        /// Will never work as it is: HTTP 4xx other than 429, an SMTP 5xx reply, a payload the channel rejects.
        case permanent(reason: String)
    }

    public enum Action: Sendable, Hashable {
        case none
        /// Send it now; this is attempt number `attempt` (the same event id every time).
        case send(attempt: Int)
        /// Persist the new state; nothing to send before `at`.
        case retry(at: Date)
        case markSent
        /// Persist it as failed and make it visible (dashboard, metrics, log).
        case markFailed(String)
    }

    public private(set) var state: State
    public let policy: DeliveryPolicy
    /// When the alert was queued (for the age limit).
    public let queuedAt: Date

    public init(queuedAt: Date, policy: DeliveryPolicy, state: State? = nil) {
        self.queuedAt = queuedAt
        self.policy = policy
        self.state = state ?? .pending(attempts: 0, notBefore: queuedAt)
    }

    /// The dispatcher's tick: send when due.
    public mutating func due(now: Date) -> Action {
        guard case .pending(let attempts, let notBefore) = state, now >= notBefore else { return .none }
        if now.timeIntervalSince(queuedAt) > policy.maximumAgeSeconds {
            let reason = "not delivered within \(Int(policy.maximumAgeSeconds)) s after \(attempts) attempt(s)"
            state = .failed(reason: reason, at: now, attempts: attempts)
            return .markFailed(reason)
        }
        state = .sending(attempt: attempts + 1)
        return .send(attempt: attempts + 1)
    }

    /// A restart found it `sending`: the attempt's outcome is unknown, so it is sent again (with the same event id,
    /// which receivers use to drop the repeat).
    public mutating func recoverAfterCrash(now: Date) -> Action {
        guard case .sending(let attempt) = state else { return .none }
        state = .pending(attempts: attempt, notBefore: now)
        return .retry(at: now)
    }

    /// How the attempt went; `random` is a uniform 0..<1 for the jitter.
    public mutating func finished(_ outcome: Outcome, now: Date, random: Double) -> Action {
        guard case .sending(let attempt) = state else { return .none }
        switch outcome {
        case .delivered:
            state = .sent(at: now, attempts: attempt)
            return .markSent
        case .permanent(let reason):
            state = .failed(reason: reason, at: now, attempts: attempt)
            return .markFailed(reason)
        case .retryable(let reason, let retryAfter):
            guard attempt < policy.maximumAttempts else {
                let why = "gave up after \(attempt) attempts: \(reason)"
                state = .failed(reason: why, at: now, attempts: attempt)
                return .markFailed(why)
            }
            let at = now.addingTimeInterval(policy.backoff(afterAttempt: attempt, random: random, retryAfter: retryAfter))
            state = .pending(attempts: attempt, notBefore: at)
            return .retry(at: at)
        }
    }
}
