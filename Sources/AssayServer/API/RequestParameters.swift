import AssayCore
import Foundation
import Hummingbird

/// The query parameters and path segments routes read, each checked with an error that names it.
struct RequestParameters {
    let request: Request
    let context: BasicRequestContext

    /// The longest span `days=` may ask for.
    static let maximumDays = 3_650

    /// `days=N`, a whole number from 1 to 3650, or `fallback`.
    func days(default fallback: Int) throws(ServerError) -> Int {
        guard let text = query("days") else { return fallback }
        guard let days = Int(text), (1...Self.maximumDays).contains(days) else {
            throw ServerError(.invalidParameter, "days=\(Self.shown(text)) is not a whole number of days from 1 to \(Self.maximumDays)")
        }
        return days
    }

    /// `NAME=N`, a whole number in `range`, or `fallback`.
    func count(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(ServerError) -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw ServerError(.invalidParameter, "\(name)=\(Self.shown(text)) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `bucket=day|hour`, or `fallback`.
    func bucket(default fallback: TrendBucket) throws(ServerError) -> TrendBucket {
        guard let text = query("bucket") else { return fallback }
        guard let bucket = TrendBucket(rawValue: text) else {
            throw ServerError(.invalidParameter, "bucket=\(Self.shown(text)) is not day or hour")
        }
        return bucket
    }

    /// A query parameter's decoded value; `nil` when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters[name[...]], !value.isEmpty else { return nil }
        return String(value)
    }

    /// A path segment, percent-decoded.
    func path(_ name: String) throws(ServerError) -> String {
        guard let raw = context.parameters.get(name), let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw ServerError(.invalidParameter, "the path has no valid \(name)")
        }
        return value
    }

    /// The run id in the path.
    func runID() throws(ServerError) -> RunID {
        let text = try path("run")
        guard let id = RunID(text) else {
            throw ServerError(.invalidParameter, "'\(Self.shown(text))' is not a run id (a UUID such as 0193a7c2-5f1e-7d3a-9c41-2b8e6f0a1d55)")
        }
        return id
    }

    /// A value quoted back in an error, cut short so an error never echoes a huge input.
    static func shown(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
