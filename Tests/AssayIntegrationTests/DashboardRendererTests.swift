import Assay
import Foundation
import Testing

/// The HTML renderer's pieces: escaping by construction, links, chart geometry.
@Suite("Dashboard renderer")
struct DashboardRendererTests {
    static let hostile = "\"q'&</svg><script>alert(1)</script>"

    @Test("text and attribute values are escaped; tag names are literals")
    func escaping() {
        let html = HTML.element("td", [Attribute("data-x", Self.hostile)], [.text(Self.hostile)]).markup
        #expect(html == "<td data-x=\"&quot;q&#39;&amp;&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&quot;q&#39;&amp;&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>")
        #expect(!html.contains("<script"))
        #expect(Escape.html("plain text") == "plain text")
        #expect(HTML.element("circle", [Attribute("r", "3"), Attribute("fill", nil)]).markup == "<circle r=\"3\"/>")
    }

    @Test("path segments are percent-encoded, dots-only segments too; anchors are one to one")
    func links() {
        #expect(Escape.pathSegment("orders.not_null_email.ff66") == "orders.not_null_email.ff66")
        #expect(Escape.pathSegment("a b/c?d#e&f%") == "a%20b%2Fc%3Fd%23e%26f%25")
        #expect(Escape.pathSegment("..") == "%2E%2E")
        #expect(Escape.pathSegment("é") == "%C3%A9")
        #expect(Escape.anchor("a_b") != Escape.anchor("a.b"))
        #expect(Escape.anchor("a_b") == "a_5Fb")
        #expect(Escape.anchor(Self.hostile).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }

    @Test("value-axis ticks are round, cover the data and stay within bounds")
    func ticks() {
        #expect(ChartGeometry.niceTicks(0, 100) == [0, 25, 50, 75, 100] || ChartGeometry.niceTicks(0, 100) == [0, 50, 100])
        let close = ChartGeometry.niceTicks(97.3, 99.8, bounds: 0...100)
        #expect(close.first! <= 97.3 && close.last! >= 99.8 && close.last! <= 100)
        let steps = zip(close.dropFirst(), close).map { $0 - $1 }
        #expect(Set(steps.map { ($0 * 1000).rounded() }).count == 1, "evenly spaced: \(close)")
        let flat = ChartGeometry.niceTicks(5, 5)
        #expect(flat.first! < 5 && flat.last! > 5)
        #expect(ChartGeometry.niceTicks(99.5, 100, bounds: 0...100).last == 100)
    }

    @Test("times and values map into the plot area, later right and larger up")
    func geometry() {
        let g = ChartGeometry(times: 1000...2000, values: 0...100, bounds: 0...100)
        #expect(g.x(1000) == ChartGeometry.left)
        #expect(g.x(2000) == ChartGeometry.width - ChartGeometry.right)
        #expect(g.y(g.values.lowerBound) == ChartGeometry.height - ChartGeometry.bottom)
        #expect(g.y(g.values.upperBound) == ChartGeometry.top)
        #expect(g.y(80) < g.y(20))
        let single = ChartGeometry(times: 5000...5000, values: 1...1)
        #expect(single.x(5000) > ChartGeometry.left && single.x(5000) < ChartGeometry.width - ChartGeometry.right)
    }
}
