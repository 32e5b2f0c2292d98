import AssayCore
import AssayMonitorCore
import Foundation

/// What a compliance report reads from the store, computed by the database: each check's runs in a period compressed
/// to its status changes with a window over the check's history (the results table is kept in that order), the
/// status before the period, and the incidents open in it.
public protocol ComplianceStore: Sendable {
    /// The timelines of the checks of `suite` that have runs in `period`, ordered by check key.
    func complianceTimelines(suite: String, period: CompliancePeriod) async throws(StoreError) -> [CheckTimeline]
    /// The incidents of `suite` open at some moment of `period` (opened before its end, not resolved before its start),
    /// in the order they were opened.
    func complianceIncidents(suite: String, period: CompliancePeriod) async throws(StoreError) -> [Incident]
}
