import Assay
import AssayCore
import Foundation
import Hummingbird

/// The JSON API under `/api/v1`: runs, one run, the scorecard, a check's history, score series and data trends.
struct APIRoutes {
    let store: any ResultStore
    let trends: TrendCache?
    let configuration: ServerConfiguration
    let clock: any RunClock

    func add(to router: Router<BasicRequestContext>) {
        let api = router.group("api/v1")
        api.read("runs") { request, context in try await runs(RequestParameters(request: request, context: context)) }
        api.read("runs/:run") { request, context in try await run(RequestParameters(request: request, context: context)) }
        api.read("scorecard") { request, context in try await scorecard(RequestParameters(request: request, context: context)) }
        api.read("suites") { _, _ in try APIEncoding.response(["suites": try await Stored.read { () throws(StoreError) in try await store.suites() }]) }
        api.read("scores") { request, context in try await scores(RequestParameters(request: request, context: context)) }
        api.read("checks/:check/history") { request, context in try await history(RequestParameters(request: request, context: context)) }
        api.read("trends") { request, context in try await trendResults(RequestParameters(request: request, context: context)) }
    }

    private func runs(_ p: RequestParameters) async throws -> Response {
        let last = try p.count("last", in: 1...1_000, default: 50)
        let suite = p.query("suite")
        // The store lists runs of every suite; one suite's are the newest of those.
        let runs = try await Stored.read { () throws(StoreError) in try await store.runs(last: suite == nil ? last : max(last, 1_000)) }
        return try APIEncoding.response(["runs": Array(runs.filter { suite == nil || $0.suite == suite }.prefix(last))])
    }

    private func run(_ p: RequestParameters) async throws -> Response {
        let id = try p.runID()
        let result = try await Stored.read { () throws(StoreError) in try await store.run(id) }
        return APIEncoding.json(Data(JSONReport().render(result).utf8))
    }

    private func scorecard(_ p: RequestParameters) async throws -> Response {
        let suite = p.query("suite")
        return try APIEncoding.response(try await Stored.read { () throws(StoreError) in try await store.scorecard(suite: suite) })
    }

    private func scores(_ p: RequestParameters) async throws -> Response {
        let days = try p.days(default: configuration.defaultDays)
        let bucket = try p.bucket(default: .day)
        let suite = p.query("suite")
        let since = clock.now().addingTimeInterval(-Double(days) * 86_400)
        let points = try await Stored.read { () throws(StoreError) in
            try await store.scoreSeries(suite: suite, since: since, bucketSeconds: bucket.seconds)
        }
        return try APIEncoding.response(ScoresBody(days: days, bucket: bucket, points: points))
    }

    private func history(_ p: RequestParameters) async throws -> Response {
        let key = CheckKey(try p.path("check"))
        let days = try p.days(default: configuration.defaultDays)
        let points = try await Stored.history(of: key, since: clock.now().addingTimeInterval(-Double(days) * 86_400), in: store)
        return try APIEncoding.response(HistoryBody(check: key.rawValue, days: days, points: points))
    }

    private func trendResults(_ p: RequestParameters) async throws -> Response {
        guard let trends else {
            throw ServerError(.notConfigured, "trends are computed from the data: start the server with --config SUITE")
        }
        let days = try p.days(default: configuration.defaultDays)
        let bucket = try p.bucket(default: .day)
        var table = p.query("table")
        if let asked = table {
            guard let found = trends.tables.first(where: { $0 == asked }) ?? trends.tables.first(where: { $0.lowercased() == asked.lowercased() }) else {
                throw ServerError(.notFound, "the suite checks no table '\(RequestParameters.shown(asked))' (tables: \(trends.tables.joined(separator: ", ")))")
            }
            table = found
        }
        let results: [TrendResult]
        do throws(AssayError) {
            results = try await trends.trends(table: table, days: days, bucket: bucket)
        } catch {
            throw ServerError(.unavailable, "the trends cannot be computed: \(error.description)")
        }
        return try APIEncoding.response(["trends": results])
    }

    private struct ScoresBody: Encodable {
        var days: Int
        var bucket: TrendBucket
        var points: [ScorePoint]
    }

    private struct HistoryBody: Encodable {
        var check: String
        var days: Int
        var points: [HistoryPoint]
    }
}
