import Audit
import Foundation
import Geo
import StrictJSON

/// The timeline chart: messages forwarded (from tallies), redacted and blocked (from decisions) per time bin,
/// one band each with its own scale, since forwards outnumber the rest by orders of magnitude.
enum ReportChart {
    struct Series {
        var name: String
        var colour: String
        var bins: [Int]
    }

    static func svg(_ run: RecordedRun, bins binCount: Int = 60) -> String {
        let tallies = run.records(.tally).compactMap { record -> (Date, Int)? in
            guard let date = record.date else { return nil }
            return (date, Int(record.fields["forwarded"]?.doubleValue ?? 0))
        }
        let times = tallies.map(\.0) + run.decisions.map(\.time)
        guard let start = times.min(), let end = times.max() else {
            return "<p class=\"note\">No messages were counted in the selected records.</p>\n"
        }
        let span = max(end.timeIntervalSince(start), 1)
        func bin(_ date: Date) -> Int {
            min(binCount - 1, Int(date.timeIntervalSince(start) / span * Double(binCount)))
        }
        var series = [
            Series(name: "forwarded", colour: "#2e7d32", bins: Array(repeating: 0, count: binCount)),
            Series(name: "redacted", colour: "#f9a825", bins: Array(repeating: 0, count: binCount)),
            Series(name: "blocked", colour: "#c62828", bins: Array(repeating: 0, count: binCount)),
        ]
        for (date, forwarded) in tallies { series[0].bins[bin(date)] += forwarded }
        for decision in run.decisions {
            if decision.verdict == .redact { series[1].bins[bin(decision.time)] += 1 }
            if decision.verdict.isBlocked { series[2].bins[bin(decision.time)] += 1 }
        }
        let (width, band, left) = (800.0, 60.0, 90.0)
        let barWidth = (width - left - 10) / Double(binCount)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) "
        out += "\(Int(band * 3 + 30))\" role=\"img\">"
        for (row, item) in series.enumerated() {
            let top = Double(row) * band
            let peak = max(item.bins.max() ?? 0, 1)
            out += "<text x=\"4\" y=\"\(Markup.number(top + band / 2))\">\(item.name)</text>"
            out += "<text x=\"4\" y=\"\(Markup.number(top + band / 2 + 14))\" class=\"small\">max \(peak)</text>"
            for (index, count) in item.bins.enumerated() where count > 0 {
                let height = Double(count) / Double(peak) * (band - 8)
                out += "<rect x=\"\(Markup.number(left + Double(index) * barWidth))\" "
                out +=
                    "y=\"\(Markup.number(top + band - 4 - height))\" width=\"\(Markup.number(max(barWidth - 1, 1)))\" "
                out += "height=\"\(Markup.number(height))\" fill=\"\(item.colour)\"><title>\(count)</title></rect>"
            }
        }
        let axis = band * 3 + 20
        out +=
            "<text x=\"\(Int(left))\" y=\"\(Int(axis))\" class=\"small\">\(Markup.escape(RFC3339.format(start)))</text>"
        out += "<text x=\"\(Int(width - 10))\" y=\"\(Int(axis))\" text-anchor=\"end\" class=\"small\">"
        out += "\(Markup.escape(RFC3339.format(end)))</text>"
        return out + "</svg>\n"
    }
}
