import AssayMonitorCore
import Foundation
import Testing

@Suite("Alert delivery state machine")
struct DeliveryStateMachineTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

    @Test("due -> send -> delivered is sent once")
    func delivered() {
        var d = DeliveryStateMachine(queuedAt: Self.t0, policy: DeliveryPolicy())
        #expect(d.due(now: Self.t0) == .send(attempt: 1))
        #expect(d.due(now: Self.t0) == .none, "not twice while in flight")
        #expect(d.finished(.delivered, now: Self.at(1), random: 0.5) == .markSent)
        #expect(d.state == .sent(at: Self.at(1), attempts: 1))
        #expect(d.due(now: Self.at(100)) == .none)
    }

    @Test("retryable failures back off exponentially with jitter, honour Retry-After, and give up visibly")
    func retries() {
        let policy = DeliveryPolicy(initialBackoffSeconds: 1, maximumBackoffSeconds: 8, maximumAttempts: 5)
        #expect(policy.backoff(afterAttempt: 1, random: 0) == 0.5 && policy.backoff(afterAttempt: 1, random: 1) == 1)
        #expect(policy.backoff(afterAttempt: 3, random: 1) == 4)
        #expect(policy.backoff(afterAttempt: 10, random: 1) == 8, "capped")
        #expect(policy.backoff(afterAttempt: 1, random: 0, retryAfter: 30) == 30)
        var d = DeliveryStateMachine(queuedAt: Self.t0, policy: policy)
        var now = Self.t0
        for attempt in 1...4 {
            #expect(d.due(now: now) == .send(attempt: attempt))
            guard case .retry(let next) = d.finished(.retryable(reason: "HTTP 503", retryAfterSeconds: nil), now: now, random: 1) else {
                Issue.record("retry \(attempt)"); return
            }
            #expect(d.due(now: next.addingTimeInterval(-0.01)) == .none, "not before its time")
            now = next
        }
        #expect(d.due(now: now) == .send(attempt: 5))
        guard case .markFailed(let why) = d.finished(.retryable(reason: "HTTP 503", retryAfterSeconds: nil), now: now, random: 1) else {
            Issue.record("gives up"); return
        }
        #expect(why.contains("5 attempts") && why.contains("503"))
        if case .failed = d.state {} else { Issue.record("kept as failed") }
    }

    @Test("a 4xx is permanent at once; too old is permanent; a crash mid-send sends again")
    func permanentAndCrash() {
        var d = DeliveryStateMachine(queuedAt: Self.t0, policy: DeliveryPolicy())
        _ = d.due(now: Self.t0)
        #expect(d.finished(.permanent(reason: "HTTP 400: invalid_blocks"), now: Self.at(1), random: 0) == .markFailed("HTTP 400: invalid_blocks"))
        var old = DeliveryStateMachine(queuedAt: Self.t0, policy: DeliveryPolicy(maximumAgeSeconds: 60))
        if case .markFailed = old.due(now: Self.at(61)) {} else { Issue.record("too old") }
        var crashed = DeliveryStateMachine(queuedAt: Self.t0, policy: DeliveryPolicy(), state: .sending(attempt: 2))
        #expect(crashed.recoverAfterCrash(now: Self.at(5)) == .retry(at: Self.at(5)))
        #expect(crashed.due(now: Self.at(5)) == .send(attempt: 3))
    }
}
