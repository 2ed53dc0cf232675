import Audit
import Compliance
import Crypto
import Foundation
import Geo
import HexEncoding
import Logging
import MQTT
import StrictJSON

/// What the gateway writes into its record: every decision that is not a plain forward (digest and size of the
/// message, never its content), every event, suspensions and releases, a decimated track per drone, a summary of
/// each forwarded payload and per-drone tallies. One owner: the gateway actor.
struct GatewayRecorder {
    let log: AuditLog
    private var decimator: TrackDecimator
    private var tally: Tally
    private var payloadSummaries: PayloadSummaries
    private var lastRetention: Date

    /// Opens the record: continues its chain (with a `gap` when the last run did not stop cleanly), or, when the
    /// record found is broken, leaves it as found and goes on in a successor file whose first record is the
    /// incident, which is logged as critical: someone has to look at the broken file.
    static func open(_ settings: AuditSettings, config: GatewayConfig, now: Date, logger: Logger) throws
        -> GatewayRecorder
    {
        var options = settings.options
        options.runInfo["flowgate_version"] = .string(GatewayRecorder.version)
        // A quarter of the custody window waiting for the record commits it: the intake never stalls on the
        // batch window.
        options.commitWhenWaiting = max(1, config.custody.messages / 4)
        // The most a crash of this run can lose: the `gap` at the next start copies it.
        options.runInfo["custody"] = .object(
            JSONObject(config.custody.recorded.map { (key: $0.0, value: .number(Double($0.1))) }))
        let log = try AuditLog.open(path: settings.path.path, options: options, now: now)
        if let incident = log.incident {
            logger.critical(
                "THE AUDIT RECORD IS BROKEN: it is kept as found and not extended; recording goes on in a new file",
                metadata: [
                    "broken_file": "\(incident.previousFile)", "successor_file": "\(incident.successorFile)",
                    "last_good_seq": "\(incident.lastGoodSeq)", "last_good_hash": "\(incident.lastGoodHash)",
                    "problem": "\(incident.problem)",
                ])
        }
        let recorder = GatewayRecorder(
            log: log, decimator: TrackDecimator(interval: settings.trackInterval),
            tally: Tally(interval: settings.tallyInterval),
            payloadSummaries: PayloadSummaries(interval: settings.payloadSummaryInterval),
            lastRetention: now)
        return recorder
    }

    static let version = FlowgateVersion.current

    /// The configuration load: digests of the bundle's files and of the configuration, and the policy in force.
    func recordConfiguration(_ config: GatewayConfig, now: Date) async throws {
        try await log.record(GatewayRecorder.configuration(config, now: now))
        _ = try await log.applyRetention(now: now)
    }

    /// The `config_load` record of a start or a reload.
    /// - Parameters:
    ///   - bundleDigest: the digest of the bundle as it was read; by default, as it is on disk now.
    ///   - reload: for a reload while running, what asked for it.
    static func configuration(
        _ config: GatewayConfig, now: Date, bundleDigest: String? = nil, reload: BundleReloadTrigger? = nil
    ) -> AuditEntry {
        .configLoad(
            time: now, bundlePath: config.bundle.path,
            bundleDigest: bundleDigest ?? GatewayRecorder.digest(folder: config.bundle),
            configDigest: config.sourceFile.flatMap { try? Data(contentsOf: $0) }.map(GatewayRecorder.hex) ?? "none",
            policyVersion: GatewayRecorder.policyVersion(config.policy), flowgateVersion: GatewayRecorder.version,
            reload: reload?.rawValue,
            cluster: config.cluster.map { ($0.instance, $0.partitioning.count, $0.owned) })
    }

    /// The records for one decision about `payload` received on `topic`. Built synchronously so that the owner
    /// can keep this value in its own state; ``write(_:)`` then queues them.
    mutating func entries(for decision: Decision, topic: String, payload: [UInt8], now: Date) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let verdict = AuditVerdict(decision.verdict)
        // The record keeps codes as the text the docs give them: this is where values become the stored words.
        let codes =
            decision.findings.filter { $0.severity != .warning }.map(\.code.rawValue)
            + (decision.rejection.map { [$0.code.rawValue] } ?? [])
        // A status message absorbed without a reason (a MAVLink heartbeat) was neither forwarded nor blocked.
        let absorbed = decision.verdict == .withhold && codes.isEmpty
        if let drone = decision.drone, !absorbed {
            tally.count(drone: drone, mission: decision.mission, verdict: verdict, reasons: codes, at: now)
        }
        // A fix forwarded with warnings only is a plain forward: its warnings are in the events (on entering a
        // margin) and in the track; recording each such fix would grow the record by every fix near a boundary.
        let plainForward = decision.verdict == .forward && !decision.findings.contains { $0.severity != .warning }
        if !plainForward {
            entries.append(
                .decision(
                    time: now, drone: decision.drone, mission: decision.mission, stream: decision.stream,
                    topic: topic, verdict: verdict, reasons: codes, product: decision.product,
                    payload: PayloadDigest(of: payload), suppressedCells: decision.forwarded?.suppressedCells))
        }
        if let fix = decision.fix, let state = decision.state.map(TrackState.init),
            decimator.shouldRecord(drone: fix.drone, at: now, state: state)
        {
            entries.append(
                .track(
                    time: now, drone: fix.drone, mission: fix.mission, latitude: fix.position.latitude,
                    longitude: fix.position.longitude, altitudeMetres: fix.altitude,
                    altitudeReference: fix.altitudeReference.rawValue, state: state, reasons: codes))
        }
        if let summary = decision.forwarded, let drone = decision.drone, let stream = decision.stream {
            payloadSummaries.add(
                drone: drone, mission: decision.mission, stream: stream, product: decision.product ?? "",
                cells: summary.cells, totalCount: summary.totalCount ?? 0, suppressedCells: summary.suppressedCells,
                at: now)
            entries += payloadSummaries.due(at: now)
        }
        if let order = decision.release {
            entries.append(
                .streamControl(
                    .release, time: now, drone: order.stream.drone, mission: nil, stream: order.stream.recorded.stream,
                    by: order.operatorName, reason: order.reason))
        }
        for event in decision.events {
            entries += eventEntries(event, mission: decision.mission, now: now)
        }
        // A stream that stopped still has its last period summed up when the tallies are due.
        let tallies = tally.due(at: now)
        if !tallies.isEmpty { entries += payloadSummaries.due(at: now) }
        return entries + tallies
    }

    /// Queues records; suspends while the record's queue is full (back-pressure onto the gateway). Runs on the
    /// caller's executor (the gateway's actor): no hop to another thread and back for every message.
    nonisolated(nonsending) func write(_ entries: [AuditEntry]) async throws {
        for entry in entries { try await log.record(entry) }
    }

    /// Applies the retention period once an hour.
    mutating func retentionDue(now: Date) -> Bool {
        guard now.timeIntervalSince(lastRetention) >= 3_600 else { return false }
        lastRetention = now
        return true
    }

    /// An event as published; a suspension also as a `suspension` record.
    func eventEntries(_ event: EngineEvent, mission: String?, now: Date) -> [AuditEntry] {
        var entries: [AuditEntry] = [
            .event(time: now, drone: event.drone, mission: mission, event: EventMessage.object(event))
        ]
        if event.kind == .streamSuspended, let stream = event.stream {
            let codes = event.findings.map(\.code.rawValue)
            entries.append(
                .streamControl(
                    .suspension, time: now, drone: stream.drone, mission: mission, stream: stream.stream,
                    by: "flowgate", reason: codes.joined(separator: ", "), codes: codes))
        }
        return entries
    }

    /// The final tallies; then close the log (`stop` and the seal).
    mutating func finalEntries(now: Date) -> [AuditEntry] {
        payloadSummaries.drain(at: now) + tally.drain(at: now)
    }

    /// The streams still suspended according to the record, in the file written now and the files it
    /// succeeds (``RecordedSuspensions``): a latch survives a restart of the gateway, and a break in the record.
    func suspensions() throws -> [StreamKey: Suspension] {
        try RecordedSuspensions.read(from: log.path)
    }

    /// Each signed checkpoint as it is committed (empty when not signing), for publishing.
    var checkpointNotes: AsyncStream<CheckpointNote> { log.checkpointNotes }

    /// Records the final tallies and summaries, then closes the log (`stop` and its sealing checkpoint). The
    /// `stop` record says how many messages were still in custody (taken in, not confirmed delivered): zero
    /// unless the consumers' broker did not acknowledge everything before the shutdown's deadline.
    mutating func close(now: Date, unsafe custody: CustodyWindow.Usage) async throws {
        try? await write(finalEntries(now: now))
        try await log.close(
            now: now,
            fields: [
                "unconfirmed_messages": .number(Double(custody.messages)),
                "unconfirmed_bytes": .number(Double(custody.bytes)),
            ])
    }

    /// The first 16 hex digits of the SHA-256 of the policy's settings written in a fixed order: the same policy
    /// always has the same version (a `Set`'s own description changes order from run to run).
    static func policyVersion(_ policy: CompliancePolicy) -> String {
        let payload = policy.payload
        let settings: JSONObject = [
            "max_message_bytes": .number(policy.maximumBytes), "max_speed_mps": .number(policy.maximumSpeed),
            "max_clock_ahead_s": .number(policy.maximumClockAhead),
            "max_clock_behind_s": .number(policy.maximumClockBehind), "max_fix_age_s": .number(policy.maximumFixAge),
            "telemetry_in_breach": .string(policy.withholdBreaches ? "withhold" : "forward"),
            "observing": .array(policy.observing.map(\.rawValue).sorted().map(JSONValue.string)),
            "min_cell_m": .number(payload.minimumCellSize), "k": .number(payload.suppressionThreshold),
            "pixel_density_ceiling": .number(payload.pixelDensityCeiling),
            "min_depression_deg": .number(payload.minimumDepression),
            "products": .array(payload.allowedProducts.map(\.rawValue).sorted().map(JSONValue.string)),
            "sensor_kinds": .array(payload.allowedSensorKinds.map(\.rawValue).sorted().map(JSONValue.string)),
        ]
        return String(hex(Data(JSONWriter.bytes(.object(settings)))).prefix(16))
    }

    /// SHA-256 over the bundle's files, in name order, each as its name and its bytes.
    static func digest(folder: URL) -> String {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var hasher = SHA256()
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            hasher.update(data: Data(name.utf8))
            hasher.update(data: data)
        }
        return hasher.finalize().hexString
    }

    static func hex(_ data: Data) -> String {
        SHA256.hash(data: data).hexString
    }
}
