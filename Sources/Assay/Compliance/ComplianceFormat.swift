import AssayDashboard
import AssayMonitorCore
import AssayReport

/// The forms of a compliance report.
public enum ComplianceFormat: String, Sendable, Hashable, CaseIterable {
    case text, json, csv, html

    /// `report` in this form: the same report gives the same bytes.
    public func render(_ report: ComplianceReport) -> String {
        switch self {
        case .text: ComplianceTextReport().render(report)
        case .json: ComplianceJSONReport().render(report)
        case .csv: ComplianceCSVReport().render(report)
        case .html: DashboardRenderer(links: .anchors).compliance(report)
        }
    }
}
