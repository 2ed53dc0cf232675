import ArgumentParser
import Audit
import Foundation

/// The audit record's writer, measured: records per second with batching, and bytes per drone-hour.
@main
struct AuditBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowgate-audit-bench",
        abstract: "Measure the record's writer: records per second with batching, and bytes per drone-hour.",
        discussion: """
            Throughput: one task records decisions as fast as `record` accepts them; the rate counts until \
            `close` has committed the last one. Size: simulated drones send telemetry at 10 Hz for --hours of \
            record time, decimated to one fix per second, with a tally every 10 s, as the gateway records them \
            at defaults; the result is the database's bytes divided by drone-hours.
            """
    )

    @Option(help: "Records to write for the throughput measurement.")
    var records = 200_000

    @Option(help: "Drones for the size measurement.")
    var drones = 10

    @Option(help: "Hours of simulated flight for the size measurement.")
    var hours = 1.0

    @Option(help: "Folder for the benchmark databases (deleted afterwards).", completion: .directory)
    var folder: String = NSTemporaryDirectory()

    @Option(help: .hidden)
    var writeUntilKilled: String?

    func run() async throws {
        if let writeUntilKilled { try await BenchWorkload.writeForever(path: writeUntilKilled) }
        let throughputPath = try freshPath("throughput")
        let startedCPU = Self.processCPUSeconds()
        let started = ContinuousClock.now
        // Decisions a millisecond apart on the benchmark's own clock (see `BenchWorkload.start`).
        let log = try AuditLog.open(path: throughputPath, now: BenchWorkload.start)
        for index in 0..<records {
            try await log.record(
                BenchWorkload.decision(index, at: BenchWorkload.start.addingTimeInterval(Double(index) / 1000)))
        }
        try await log.close(now: BenchWorkload.start.addingTimeInterval(Double(records) / 1000))
        let elapsed = ContinuousClock.now - started
        let cpu = Self.processCPUSeconds() - startedCPU
        let stats = log.stats
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(
            String(
                format: "throughput: %d records in %.2f s = %.0f records/s (%d transactions, largest %d, "
                    + "%d back-pressure waits); CPU %.2f s = %.1f us per record", records, seconds,
                Double(records) / seconds, stats.batches, stats.largestBatch, stats.backpressureWaits, cpu,
                cpu * 1e6 / Double(records)))
        try? FileManager.default.removeItem(atPath: throughputPath)

        let sizePath = try freshPath("size")
        let counted = try await BenchWorkload.flight(path: sizePath, drones: drones, hours: hours)
        let bytes = (try FileManager.default.attributesOfItem(atPath: sizePath)[.size] as? Int) ?? 0
        print(
            String(
                format: "size: %d drones x %.2f h at 10 Hz -> %d records, %d bytes = %.0f bytes per drone-hour",
                drones, hours, counted, bytes, Double(bytes) / (Double(drones) * hours)))
        try? FileManager.default.removeItem(atPath: sizePath)
    }

    /// CPU time of the whole process (every thread, user and system): unlike the rate, it hardly depends on how
    /// busy the machine is.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func freshPath(_ name: String) throws -> String {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("flowgate-audit-bench-\(name)-\(UUID()).sqlite")
        return path.path
    }
}
