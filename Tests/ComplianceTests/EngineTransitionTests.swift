import Airspace
import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

/// Events are transitions, not one per message: a condition that lasts is announced when it starts, reminded
/// of at most every minute, and ended with its numbers (Docs/REASON_CODES.md, "Events are transitions").
@Suite("Engine: events for conditions that last")
struct EngineTransitionTests {
    /// Every event the engine publishes over a run of fixes, in order.
    static func events(_ engine: inout ComplianceEngine, _ fixes: [(Fix, Date)]) -> [JSONObject] {
        fixes.flatMap { fix, now in engine.send(fix, now: now).publishedEvents }
    }

    @Test("61 s of fixes at 10 Hz, each 40 s behind the gateway's clock: a handful of events, not 610")
    func persistentClockBehind() throws {
        var engine = Demo.engine()
        var fix = Fix(time: Demo.noon.addingTimeInterval(-40))
        var run: [(Fix, Date)] = []
        for tick in 0..<610 {
            run.append((fix, Demo.noon.addingTimeInterval(Double(tick) / 10)))
            fix = fix.next(after: 0.1)
        }
        // Then 10 s on time: the problem ends once it has been absent for the quiet period.
        var now = Demo.noon.addingTimeInterval(61)
        fix.time = now
        for _ in 0..<100 {
            run.append((fix, now))
            fix = fix.next(after: 0.1)
            now = now.addingTimeInterval(0.1)
        }
        let events = Self.events(&engine, run)
        let kinds = events.compactMap { $0["event"]?.stringValue }
        #expect(
            kinds == [
                "breach_started", "integrity_problem", "integrity_continuing", "breach_ended", "integrity_ended",
            ], "\(kinds)")
        let ended = try #require(events.last?["episodes"]?.arrayValue?.first)
        #expect(ended["code"] == "clock_behind")
        #expect(ended["messages"] == .number(610))
        #expect(ended["duration_s"] == .number(60.9))
        let reminder = try #require(events.first { $0["event"] == "integrity_continuing" })
        #expect(reminder["time"] == "2026-11-28T13:01:00.000Z")
        #expect(reminder["episodes"]?.arrayValue?.first?["messages"] == .number(601))
    }

    @Test("a replay flood between good fixes: one integrity_problem, and its end once the replays stop")
    func replayFlood() throws {
        var engine = Demo.engine()
        var good = Fix(seq: 1000)
        var replay = Fix(seq: 10, time: Demo.noon.addingTimeInterval(-30))
        var run: [(Fix, Date)] = []
        for tick in 0..<200 {
            let now = Demo.noon.addingTimeInterval(Double(tick) / 10)
            good.time = now
            run.append((good, now))
            if tick < 100 {
                run.append((replay, now))
                replay = replay.next(after: 0.1)
            }
            good = good.next(after: 0.1)
        }
        let kinds = Self.events(&engine, run).compactMap { $0["event"]?.stringValue }
        #expect(kinds == ["integrity_problem", "integrity_ended"], "\(kinds)")
        // Each replay is still withheld with its finding: the decisions keep what the events sum up.
        var again = Demo.engine()
        _ = again.send(Fix(seq: 1000))
        let withheld = again.send(Fix(seq: 10))
        #expect(withheld.verdict == .withhold)
        #expect(withheld.codes == ["replayed_seq"])
    }

    @Test("a receiver that glitches every other fix is one implausible_speed episode")
    func flappingSpeed() {
        var engine = Demo.engine()
        var fix = Fix()
        var run: [(Fix, Date)] = []
        for tick in 0..<100 {
            let jump = tick % 2 == 1 ? Demo.north(of: Demo.corridor, metres: 40) : Demo.corridor
            fix = fix.next(after: 0.1, at: jump)
            run.append((fix, fix.time))
        }
        let kinds = Self.events(&engine, run).compactMap { $0["event"]?.stringValue }
        #expect(kinds.filter { $0 == "integrity_problem" }.count == 1, "\(kinds)")
        #expect(!kinds.contains("integrity_ended"), "still glitching at the end")
    }

    /// The assessment of D1 at 75 m AGL at noon, at a latitude on the corridor's meridian.
    static func assess(latitude: Double) -> Assessment {
        Demo.airspace.assess(
            PositionQuery(
                drone: "D1", mission: "M-0412",
                position: GeoPoint(latitude: latitude, longitude: Demo.corridor.longitude),
                altitude: 75, altitudeReference: .agl, time: Demo.noon))
    }

    /// The latitude, to a centimetre, between `from` (where `holds` is false) and `to` (where it is true).
    static func edge(from: Double, to: Double, where holds: (Assessment) -> Bool) -> Double {
        var (outside, inside) = (from, to)
        #expect(!holds(assess(latitude: outside)) && holds(assess(latitude: inside)))
        while abs(inside - outside) * 111_000 > 0.01 {
            let middle = (outside + inside) / 2
            if holds(assess(latitude: middle)) { inside = middle } else { outside = middle }
        }
        return (outside + inside) / 2
    }

    /// A latitude on the line where the drone's warning margin starts, north of the corridor.
    static func marginLine() -> Double {
        edge(from: Demo.corridor.latitude, to: Demo.nearNorthEdge.latitude) { !$0.warnings.isEmpty }
    }

    @Test("a drone hovering on a warning margin, 30 cm in and out at every fix, enters it once")
    func hoveringOnMargin() {
        let line = Self.marginLine()
        var engine = Demo.engine()
        var fix = Fix(position: GeoPoint(latitude: line - 0.3 / 111_000, longitude: Demo.corridor.longitude))
        var run: [(Fix, Date)] = [(fix, fix.time)]
        for tick in 0..<300 {
            let latitude = line + (tick % 2 == 0 ? 0.3 : -0.3) / 111_000
            fix = fix.next(after: 0.1, at: GeoPoint(latitude: latitude, longitude: Demo.corridor.longitude))
            run.append((fix, fix.time))
        }
        let kinds = Self.events(&engine, run).compactMap { $0["event"]?.stringValue }
        #expect(kinds == ["warning_entered"], "\(kinds)")
        // Away from the margin for longer than the quiet period, and back: news again.
        fix = fix.next(after: 6, at: Demo.corridor)
        _ = engine.send(fix)
        fix = fix.next(after: 10, at: Demo.nearNorthEdge)
        #expect(engine.send(fix).eventKinds == ["warning_entered"])
    }

    @Test("a drone hovering on the edge of its operation area: one breach_started, and breach_ended once it stays out")
    func hoveringOnAreaEdge() throws {
        // South of the corridor is outside the operation area.
        let edge = Self.edge(from: Demo.corridor.latitude, to: Demo.southOfCorridor.latitude) {
            $0.verdict == .breach
        }
        let inside = GeoPoint(latitude: edge + 0.3 / 111_000, longitude: Demo.corridor.longitude)
        var engine = Demo.engine()
        var fix = Fix(position: inside)
        var run: [(Fix, Date)] = [(fix, fix.time)]
        for tick in 0..<200 {
            let latitude = edge + (tick % 2 == 0 ? -0.3 : 0.3) / 111_000
            fix = fix.next(after: 0.1, at: GeoPoint(latitude: latitude, longitude: Demo.corridor.longitude))
            run.append((fix, fix.time))
        }
        // Back inside for good: the breach ends once the quiet period has passed without one.
        for _ in 0..<60 {
            fix = fix.next(after: 0.1, at: inside)
            run.append((fix, fix.time))
        }
        let kinds = Self.events(&engine, run).compactMap { $0["event"]?.stringValue }
        #expect(kinds.filter { $0.hasPrefix("breach") } == ["breach_started", "breach_ended"], "\(kinds)")
    }
}
