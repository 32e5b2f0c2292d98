import AssayCore

/// JUnit XML for CI systems: one test suite per table, one test case per check.
/// FAIL is a `<failure>`, ERROR an `<error>`; WARN passes with the message in `<system-out>`. Settings read but
/// not yet acted on are `<property name="read but not yet acted on">` of every test suite.
public struct JUnitReport: Sendable {
    public init() {}

    public func render(_ result: SuiteResult) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(escape(result.suite))\" tests=\"\(result.results.count)\" failures=\"\(result.count(.fail))\" errors=\"\(result.count(.error))\" time=\"\(result.durationSeconds.formatted(maxFractionDigits: 3))\">\n"
        for card in result.scorecards {
            let rows = result.results.filter { $0.table == card.table }
            xml += "  <testsuite name=\"\(escape(card.table))\" tests=\"\(rows.count)\" failures=\"\(card.failed)\" errors=\"\(card.errors)\">\n"
            if !result.notices.isEmpty {
                xml += "    <properties>\n" + result.notices.map {
                    "      <property name=\"read but not yet acted on\" value=\"\(escape($0.description))\"/>\n"
                }.joined() + "    </properties>\n"
            }
            for r in rows {
                xml += "    <testcase classname=\"\(escape(r.table))\" name=\"\(escape(r.check))\">\n"
                let detail = escape("\(r.kind.rawValue) \(r.columns.joined(separator: ",")) [\(r.severity.rawValue)] \(r.message); limits: \(r.thresholds)")
                switch r.status {
                case .fail: xml += "      <failure message=\"\(escape(r.message))\" type=\"\(r.severity.rawValue)\">\(detail)</failure>\n"
                case .error: xml += "      <error message=\"\(escape(r.message))\">\(detail)</error>\n"
                case .warn: xml += "      <system-out>WARN: \(detail)</system-out>\n"
                case .pass: break
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if let ascii = ch.asciiValue, ascii < 0x20, ch != "\n", ch != "\t" { out += " " } else { out.append(ch) }
            }
        }
        return out
    }
}
