import Assay
import Foundation

/// The data trends the server shows, computed from the suite's source by `Assay.trends` and reused for a while
/// (a trend scans the tables, a page view must not).
actor TrendProvider {
    private let request: CheckRequest
    private let ttl: Duration
    /// The tables the suite checks, in its order.
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
        tables = try Assay.load(request).tables.map(\.name)
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
