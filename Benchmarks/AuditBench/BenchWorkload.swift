import Audit
import Foundation

/// The records the benchmark writes: shaped like the gateway's, with made-up values.
enum BenchWorkload {
    private static let payloads = (0..<16).map { PayloadDigest(of: Data("bench payload \($0)".utf8)) }

    /// When the benchmark's records are dated: the demo day (2026-11-28T14:00:00Z), never the wall clock, so
    /// that a run records the same thing whatever its date.
    static let start = Date(timeIntervalSince1970: 1_795_874_400)

    static func decision(_ index: Int, at time: Date) -> AuditEntry {
        .decision(
            time: time, drone: "D\(index % 10)", mission: "M-0412", stream: "cam0",
            topic: "fleet/D\(index % 10)/payload/cam0", verdict: index % 3 == 0 ? .redact : .block,
            reasons: ["cell_too_small"], product: "crowd_density", payload: payloads[index % payloads.count])
    }

    /// `drones` drones at 10 Hz for `hours`, as the gateway records them at defaults; returns records written.
    static func flight(path: String, drones: Int, hours: Double) async throws -> Int {
        let log = try AuditLog.open(path: path, now: start)
        var decimator = TrackDecimator()
        var tally = Tally()
        let steps = Int(hours * 36_000)
        var written = 0
        for step in 0..<steps {
            let time = start.addingTimeInterval(Double(step) / 10)
            for drone in 0..<drones {
                let name = "D\(drone)"
                let state: TrackState = (step / 3000 + drone) % 7 == 0 ? .breach : .compliant
                tally.count(drone: name, mission: "M-0412", verdict: .forward, reasons: [], at: time)
                guard decimator.shouldRecord(drone: name, at: time, state: state) else { continue }
                let angle = Double(step) / 36_000 + Double(drone)
                try await log.record(
                    .track(
                        time: time, drone: name, mission: "M-0412", latitude: 52.5163 + 0.002 * sin(angle),
                        longitude: 13.3777 + 0.003 * cos(angle), altitudeMetres: 60 + Double(step % 50) / 10,
                        altitudeReference: "agl", state: state, reasons: state == .breach ? ["in_no_fly"] : []))
                written += 1
            }
            for entry in tally.due(at: time) {
                try await log.record(entry)
                written += 1
            }
        }
        let end = start.addingTimeInterval(Double(steps) / 10)
        for entry in tally.drain(at: end) { try await log.record(entry) }
        try await log.close(now: end)
        return written
    }

    /// The status a writer exits with when the test that started it is gone: the record could not be written
    /// to the end the test expects (2, as `flowgate` exits when it cannot do its job).
    static let parentGone: Int32 = 2

    /// For the crash test: records decisions until the process is killed. Prints `writing` once the first batch
    /// is committed.
    static func writeForever(path: String) async throws -> Never {
        let log = try AuditLog.open(path: path)
        // The test that started this writer kills it; if that test dies first, the writer must not go on
        // filling the disk (it once wrote 80 GB after its test process crashed).
        let parent = getppid()
        var index = 0
        while true {
            try await log.record(decision(index, at: Date()))
            index += 1
            if index.isMultiple(of: 1_000), getppid() != parent { exit(parentGone) }
            if index == 100 {
                try await log.flush()
                FileHandle.standardOutput.write(Data("writing\n".utf8))
            }
        }
    }
}
