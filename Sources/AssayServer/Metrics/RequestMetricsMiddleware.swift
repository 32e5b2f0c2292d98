import CoreMetrics
import Hummingbird
import Prometheus

/// Counts every answered request by route and status, and times it, in the server's own registry.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let factory: PrometheusMetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let began = ContinuousClock.now
        let response = try await next(request, context)
        // The matched route's pattern (`/api/v1/runs/{run}`), never the raw path: ids must not become labels.
        let route = context.endpointPath ?? "unmatched"
        Counter(label: MetricNames.httpRequests, dimensions: [("route", route), ("status", String(response.status.code))], factory: factory)
            .increment()
        Timer(label: MetricNames.httpDuration, dimensions: [("route", route)], factory: factory)
            .recordInterval(since: began)
        return response
    }
}

extension Timer {
    fileprivate func recordInterval(since began: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - began
        recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
