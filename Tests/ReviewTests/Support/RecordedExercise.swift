import Audit
import Foundation
import StrictJSON

/// A small recorded run with known numbers, written through the gateway's API.
///
/// D1 on M1: fixes at 0-9 s (breach at 4-6 s: 3 s in breach) and 30-32 s (after a silence), 40 forwards in
/// two tallies, 2 redactions, 4 blocked messages (2 identification_product from cam1, 1 stream_suspended,
/// 1 malformed_json), 1 suspension. D2 on M2: fixes at 0-4 s, 7 forwards. `D<9>&` (an id that needs escaping):
/// two fixes, nothing else.
enum RecordedExercise {
    static let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Geofences/berlin-pariser-platz"
        )
        .path
    static let oddDrone = "D<9>&"
    static let start = Date(timeIntervalSince1970: 1_795_874_400)  // 2026-11-28T14:00:00Z

    static func time(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func write(to path: String) async throws {
        func t(_ seconds: Double) -> Date { time(seconds) }
        let log = try AuditLog.open(path: path, now: t(0))
        try await log.record(
            .configLoad(
                time: t(0), bundlePath: bundle, bundleDigest: "b1d5", configDigest: "c0nf", policyVersion: "policy-1",
                flowgateVersion: "0.1.0"))
        for second in Array(0..<10) + [30, 31, 32] {
            let breach = (4...6).contains(second)
            try await log.record(fix("D1", "M1", second, lat: 52.5160 + Double(second) * 0.00005, breach: breach))
        }
        for second in 0..<5 { try await log.record(fix("D2", "M2", second, lat: 52.5150, breach: false)) }
        for second in [0, 1] { try await log.record(fix(oddDrone, "M1", second, lat: 52.5170, breach: false)) }
        try await log.record(
            .event(
                time: t(4), drone: "D1", mission: "M1",
                event: [
                    "v": .number(1), "event": "breach_started", "drone": "D1",
                    "reasons": .array([.object(["code": "in_no_fly"])]),
                ]))
        for second in [3.0, 4.0] { try await log.record(decision(second, "cam0", .redact, ["cell_too_small"])) }
        for second in [5.0, 6.0] { try await log.record(decision(second, "cam1", .block, ["identification_product"])) }
        try await log.record(
            .streamControl(
                .suspension, time: t(5), drone: "D1", mission: "M1", stream: "cam1", by: "gateway",
                reason: "identification_product"))
        try await log.record(decision(7, "cam1", .block, ["stream_suspended"]))
        try await log.record(decision(8, nil, .reject, ["malformed_json"]))
        try await log.record(tally("D1", "M1", 25, at: 10))
        try await log.record(tally("D1", "M1", 15, at: 20))
        try await log.record(tally("D2", "M2", 7, at: 10))
        try await log.close(now: t(40))
    }

    private static func fix(_ drone: String, _ mission: String, _ second: Int, lat: Double, breach: Bool) -> AuditEntry
    {
        .track(
            time: time(Double(second)), drone: drone, mission: mission, latitude: lat, longitude: 13.3777,
            altitudeMetres: 50, altitudeReference: "agl", state: breach ? .breach : .compliant,
            reasons: breach ? ["in_no_fly"] : [])
    }

    private static func decision(_ second: Double, _ stream: String?, _ verdict: AuditVerdict, _ reasons: [String])
        -> AuditEntry
    {
        .decision(
            time: time(second), drone: "D1", mission: "M1", stream: stream,
            topic: stream.map { "fleet/D1/payload/\($0)" } ?? "fleet/D1/telemetry", verdict: verdict, reasons: reasons,
            product: stream == nil ? nil : "face_crop", payload: PayloadDigest(of: Data("m\(second)".utf8)))
    }

    private static func tally(_ drone: String, _ mission: String, _ forwarded: Int, at second: Double) -> AuditEntry {
        var tally = Tally()
        for _ in 0..<forwarded {
            tally.count(drone: drone, mission: mission, verdict: .forward, reasons: [], at: time(second - 5))
        }
        return tally.drain(at: time(second))[0]
    }
}
