import AssayConfig
import AssayCore
import Testing

@Suite("Monitor configuration: schedules, incremental tables, channels and routes")
struct MonitorConfigTests {
    let loader = SuiteLoader(environment: ["SLACK_HOOK": "https://hooks.slack.com/services/T/B/secret-token",
                                           "PD_KEY": "pd-routing-secret", "SMTP_PASSWORD": "mail-secret"])

    func error(_ yaml: String) -> ConfigError? { loader.error(parsing: yaml, file: "suite.yml") }

    static let full = """
        name: bank
        monitor:
          every: 15m
          opens_on: [FAIL, ERROR, WARN]
          resolve_after: 2
          reopen_within: 30m
          repeat_after: 4h
          escalate_after: {CRITICAL: 15m, high: 1h}
          alert_after: {HIGH: 3}
          channels:
            oncall: {pagerduty: {routing_key: "${PD_KEY}"}}
            team: {slack: "${SLACK_HOOK}"}
            audit: {webhook: {url: "https://audit.bank.example/hook", secret: "${PD_KEY}"}}
            dq-mail: {email: {server: "smtp://alerts@mail.bank.example:587", from: assay@bank.example, to: [dq@bank.example], password: "${SMTP_PASSWORD}"}}
          routes:
            - {severity: [CRITICAL], channels: [oncall, team], continue: true}
            - name: credit
              tables: ["credit_*"]
              owner: risk@bank.example
              tags: [regulatory]
              channels: [dq-mail]
              group_wait: 2m
              digest: true
              quiet_hours: {hours: "22:00-07:00", time_zone: Europe/London, weekdays: [1, 2, 3, 4, 5], except: CRITICAL}
        tables:
          transactions:
            tags: [payments, pii]
            every: 1m
            incremental: {column: created_at, key: transaction_id, lateness: 30s, poll: 2s, batch: 5000, start: earliest}
            checks:
              - not_null: amount
              - unique: transaction_id
                cron: "0 6 * * 1-5"
                time_zone: Europe/London
          credit_scores:
            incremental: score_date
            checks:
              - not_null: score
        """

    @Test func decodesTheMonitorSection() throws {
        let suite = try loader.parse(Self.full, file: "suite.yml")
        let monitor = try #require(suite.monitor)
        #expect(monitor.schedule?.kind == .every(TimeSpan(seconds: 900)))
        #expect(monitor.opensOn == [.fail, .error, .warn] && monitor.resolveAfterPasses == 2)
        #expect(monitor.reopenWithin == TimeSpan(seconds: 1_800) && monitor.repeatAfter == TimeSpan(seconds: 14_400))
        #expect(monitor.escalateAfter == [.critical: TimeSpan(seconds: 900), .high: TimeSpan(seconds: 3_600)] && monitor.alertAfter == [.high: 3])
        #expect(monitor.channels.map(\.name) == ["oncall", "team", "audit", "dq-mail"])
        guard case .pagerDuty(let key, nil) = monitor.channels[0].kind, case .email(let mail) = monitor.channels[3].kind else {
            Issue.record("channel kinds: \(monitor.channels)")
            return
        }
        #expect(key.value == "pd-routing-secret" && mail.password?.value == "mail-secret" && mail.to == ["dq@bank.example"])
        #expect(monitor.routes.map(\.name) == ["route-1", "credit"] && monitor.routes[0].continue && monitor.routes[0].severities == [.critical])
        let credit = monitor.routes[1]
        #expect(credit.tables == ["credit_*"] && credit.owners == ["risk@bank.example"] && credit.tags == ["regulatory"] && credit.digest)
        #expect(credit.groupWait == TimeSpan(seconds: 120) && credit.quietHours?.breakThrough == .critical && credit.quietHours?.weekdays.count == 5)
        let transactions = suite.tables[0]
        #expect(transactions.tags == ["payments", "pii"] && transactions.schedule?.kind == .every(TimeSpan(seconds: 60)))
        #expect(transactions.incremental == IncrementalSpec(column: "created_at", key: "transaction_id", lateness: 30,
                                                            poll: TimeSpan(seconds: 2), batch: 5_000, start: .earliest))
        #expect(transactions.checks[1].schedule?.kind == .cron("0 6 * * 1-5", timeZone: "Europe/London"))
        #expect(suite.tables[1].incremental == IncrementalSpec(column: "score_date"), "the short form: the column alone, polled every second")
    }

    @Test func secretsNeverPrint() throws {
        let suite = try loader.parse(Self.full, file: "suite.yml")
        let shown = String(reflecting: suite) + "\(suite)"
        for secret in ["secret-token", "pd-routing-secret", "mail-secret"] { #expect(!shown.contains(secret), "\(secret) printed") }
        let bad = error(Self.full.replacingOccurrences(of: "{slack: \"${SLACK_HOOK}\"}", with: "{slack: \"ftp://${SLACK_HOOK}\"}"))
        #expect(bad?.description.contains("must be an http(s) URL") == true && bad?.description.contains("secret-token") == false, "\(bad.map { "\($0)" } ?? "accepted")")
    }

    @Test(arguments: [
        ("monitor: {every: 15m, cron: '* * * * *'}\ntables: {t: {checks: [{not_null: a}]}}", "not both"),
        ("monitor: {every: 500ms}\ntables: {t: {checks: [{not_null: a}]}}", "shortest interval, 1 second"),
        ("tables: {t: {cron: '61 * * * *', checks: [{not_null: a}]}}", "61"),
        ("tables: {t: {cron: '* * * * *', time_zone: Mars/Olympus, checks: [{not_null: a}]}}", "Mars/Olympus"),
        ("tables: {t: {time_zone: Europe/London, checks: [{not_null: a}]}}", "applies to a 'cron' schedule"),
        ("tables: {t: {checks: [{not_null: a, every: soon}]}}", "'soon' is not a time span"),
        ("tables: {t: {incremental: {key: id}, checks: [{not_null: a}]}}", "missing 'column'"),
        ("tables: {t: {incremental: {column: c, batch: 0}, checks: [{not_null: a}]}}", "1 to 16000"),
        ("tables: {t: {incremental: {column: c, poll: 100ms}, checks: [{not_null: a}]}}", "shortest interval"),
        ("tables: {t: {incremental: {column: c, start: middle}, checks: [{not_null: a}]}}", "'latest' or 'earliest'"),
        ("tables: {t: {incremental: {column: c, lateness: later}, checks: [{not_null: a}]}}", "lateness is a duration"),
        ("monitor: {channels: {a: {slack: 'https://x.example/h'}}, routes: [{channels: [b]}]}\ntables: {t: {checks: [{not_null: a}]}}", "channel 'b'"),
        ("monitor: {channels: {a: {sms: '123'}}}\ntables: {t: {checks: [{not_null: a}]}}", "sms"),
        ("monitor: {channels: {m: {email: {server: 'smtp://h', from: me, to: [a@b.example]}}}}\ntables: {t: {checks: [{not_null: a}]}}", "'me'"),
        ("monitor: {channels: {m: {email: {server: 'http://h', from: a@b.example, to: [a@b.example]}}}}\ntables: {t: {checks: [{not_null: a}]}}", "smtps://"),
        ("monitor: {routes: [{channels: []}]}\ntables: {t: {checks: [{not_null: a}]}}", "channels must not be empty"),
        ("monitor: {channels: {m: {email: {server: 'smtp://u:pw@h.example', from: a@b.example, to: [a@b.example]}}}}\ntables: {t: {checks: [{not_null: a}]}}", "holds a password"),
        ("monitor: {channels: {m: {email: {server: 'smtp://h.example?tls=1', from: a@b.example, to: [a@b.example]}}}}\ntables: {t: {checks: [{not_null: a}]}}", "?security=starttls|tls|none"),
        ("monitor: {escalate_after: {URGENT: 5m}}\ntables: {t: {checks: [{not_null: a}]}}", "unknown severity 'URGENT'"),
        ("monitor: {resolve_after: 0}\ntables: {t: {checks: [{not_null: a}]}}", "at least 1"),
        ("monitor: {channels: {a: {slack: 'https://x.example/h'}}, routes: [{channels: [a], quiet_hours: {hours: '22-7', time_zone: UTC}}]}\ntables: {t: {checks: [{not_null: a}]}}", "HH:MM-HH:MM"),
    ])
    func rejectsBadMonitorSettings(_ yaml: String, _ expected: String) throws {
        let e = try #require(error(yaml), "accepted: \(yaml)")
        #expect(e.description.contains(expected), "\(e)")
        #expect(e.location != nil, "\(e)")
    }

    @Test func seedRecentWindow() throws {
        func window(_ monitoring: String) throws -> Window? {
            try loader.parse(#"{"rules": [{"rule_id": "R1", "table_name": "t", "column_name": "a", "rule_type": "completeness", "threshold": 99, "severity": "HIGH"}], "monitoring": \#(monitoring)}"#,
                             file: "rules.json").monitoring?.recentWindow
        }
        #expect(try window("{}") == Window(column: "created_date", last: TimeSpan(seconds: 900)), "the seed's last 15 minutes of created_date")
        #expect(try window(#"{"recent_window_minutes": 60, "recent_window_column": "updated_at"}"#) == Window(column: "updated_at", last: TimeSpan(seconds: 3_600)))
        #expect(try window(#"{"recent_window_minutes": 0}"#) == nil, "0: every row")
    }
}
