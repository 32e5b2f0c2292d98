import Assay
import Foundation
import Hummingbird

/// `/compliance?from=DATE&to=DATE&suite=S`: the compliance report as a dashboard page (the same renderer as
/// `assay compliance --format html`, with the dashboard's links). Without `from` and `to`, the last 30 UTC days
/// through today, measured up to now.
struct CompliancePageRoutes {
    let store: any ResultStore
    /// The suite the server was given, for its checks, severities and targets.
    let suite: Suite?
    let clock: any RunClock
    let renderer = DashboardRenderer(links: .routes(prefix: ""))

    func add(to router: Router<BasicRequestContext>) {
        router.read("compliance") { request, context in
            let p = RequestParameters(request: request, context: context)
            let today = InstantText.string(clock.now()).prefix(10)
            let firstDay = InstantText.string(clock.now().addingTimeInterval(-29 * 86_400)).prefix(10)
            let period: CompliancePeriod
            do throws(CompliancePeriod.Invalid) {
                period = try CompliancePeriod.parse(from: p.query("from") ?? String(firstDay), to: p.query("to") ?? String(today))
            } catch {
                throw ServerError(.invalidParameter, error.message.replacingOccurrences(of: "--", with: ""))
            }
            do throws(ComplianceError) {
                let report = try await Assay.compliance(store: store, period: period, suite: suite, suiteName: p.query("suite"), asOf: clock.now())
                return PageRoutes.html(renderer.compliance(report))
            } catch where error.code == .emptyStore {
                return PageRoutes.html(renderer.message(title: "No runs yet", text: error.message))
            } catch {
                throw ServerError(Self.code(error.code), error.message)
            }
        }
    }

    private static func code(_ code: ComplianceError.Code) -> ServerError.Code {
        switch code {
        case .invalidPeriod: .invalidParameter
        case .notFound: .notFound
        default: .unavailable
        }
    }
}
