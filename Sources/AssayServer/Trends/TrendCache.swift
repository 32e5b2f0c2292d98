import Assay
import Foundation

/// The data trends the server shows, computed from the suite's source by `Assay.trends` and reused for a while
/// (a trend scans the tables, a page view must not).
actor TrendCache {
    private let request: CheckRequest
    private let ttl: Duration
    /// The suite's name and the tables it checks, in its order.
    let suite: String
    let tables: [String]
    private var cache: [Key: (computed: ContinuousClock.Instant, trends: [TrendResult])] = [:]

    private struct Key: Hashable {
        var table: String?
        var days: Int
        var bucket: TrendBucket
    }

    /// - Throws: ``AssayError`` when the suite cannot be loaded.
    init(request: CheckRequest, ttl: Duration) throws(AssayError) {
        self.request = request
        self.ttl = ttl
        let loaded = try Assay.load(request)
        suite = loaded.name
        tables = loaded.tables.map(\.name)
    }

    /// The cache as the dashboard loader asks: the daily trends of every table, for this suite only.
    nonisolated var provider: DashboardLoader.TrendProvider {
        { (suite: String, days: Int) throws(AssayError) -> [TrendResult]? in
            guard suite == self.suite else { return nil }
            return try await self.trends(table: nil, days: days, bucket: .day)
        }
    }

    /// The trends of `table` (every table when `nil`) over `days`, from the cache while younger than the TTL.
    func trends(table: String?, days: Int, bucket: TrendBucket) async throws(AssayError) -> [TrendResult] {
        let key = Key(table: table, days: days, bucket: bucket)
        let now = ContinuousClock.now
        if let hit = cache[key], now - hit.computed < ttl { return hit.trends }
        let trends = try await Assay.trends(request, table: table, days: days, bucket: bucket)
        cache[key] = (now, trends)
        return trends
    }
}
