public import Foundation
public import Geo
import MQTT

/// How far an exercise has got.
public struct ExerciseProgress: Sendable, Hashable {
    /// Messages handed to the drones' clients so far.
    public var published: Int
    /// Scenario time of the last message handed over.
    public var scenarioTime: Date
    /// Share of the exercise's duration done, 0 to 1.
    public var fraction: Double
    /// How far publishing is behind the exercise clock now, and at worst so far, in scenario seconds: a gateway
    /// on the same clock that does not wait for it judges the late messages by a time they were not meant for.
    public var behind: TimeInterval = 0
    public var worstBehind: TimeInterval = 0
}

/// Publishes an exercise over MQTT as the drones would: one client per drone, authenticated as the drone (so
/// the broker's ACLs apply), each message at the wall-clock time the exercise clock gives its scenario time.
/// The clients are one ``MQTTClientGroup``, driven from a single thread: a thread per client spent most of the
/// machine in thread switches at fleet scale.
/// Each drone's messages go out in order; the schedule is absolute, so no drift accumulates over a long run.
public struct ExercisePublisher: Sendable {
    public var host: String
    public var port: Int
    public var drones: [String]
    /// The password of each drone's MQTT user; `nil` to connect without one.
    public var credentials: @Sendable (String) -> String?
    /// QoS of every message; 1 so that nothing is lost between the drones and the broker.
    public var qos = 1
    public var clientPrefix = "flowgate-sim"
    /// How far, in scenario seconds, the publisher may hand messages over ahead of the oldest one a drone's
    /// client has not yet published: the drones stay in step, a slow client holds the others back instead of
    /// falling behind them, and the queues stay small.
    public var maximumLead: TimeInterval = 1
    /// A pause before each message a client publishes: a slow machine on demand, for tests.
    public var slowdown: Duration?

    public init(
        host: String, port: Int, drones: [String], credentials: @escaping @Sendable (String) -> String? = { _ in nil }
    ) {
        self.host = host
        self.port = port
        self.drones = drones
        self.credentials = credentials
    }

    /// Connects every drone, publishes the messages on schedule and waits until the broker has acknowledged
    /// them all.
    /// - Parameters:
    ///   - messages: the exercise's messages in time order (``Exercise/messages(seed:)``).
    ///   - clock: maps each message's scenario time to the wall-clock time it is published at.
    ///   - duration: the exercise's length in seconds, for the progress fraction.
    ///   - watermark: where publishing has got, for a clock that waits for it (the demo's); one of its own
    ///     otherwise.
    ///   - observe: called with each message as it is handed over (to write the recording and the truth).
    ///   - progress: called about five times a wall-clock second, and once at the end.
    ///   - pace: the instructor's pace (pause, resume, speed), which then schedules the messages instead of
    ///     `clock`; `nil` keeps to `clock`.
    public func run(
        _ messages: some Sequence<SimulatedMessage>, clock: ExerciseClock, duration: Double,
        pace: ExercisePace? = nil,
        watermark: PublishingWatermark = PublishingWatermark(),
        observe: (SimulatedMessage) throws -> Void = { _ in },
        progress: (ExerciseProgress) -> Void = { _ in }
    ) async throws {
        let group = try MQTTClientGroup(
            members: drones.map { drone in
                var options = MQTTOptions(host: host, port: port, clientID: "\(clientPrefix)-\(drone)")
                options.username = drone
                options.password = credentials(drone)
                return options
            }, slowdown: slowdown)
        let members = Dictionary(drones.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        do {
            try await group.connect()
            var count = 0
            var lastReport = Date.distantPast
            var last = clock.start
            for message in messages {
                guard let member = members[message.drone] else {
                    throw PublishingError("message for drone \(message.drone), which the publisher has no client for")
                }
                watermark.scheduling(message.time)
                if let pace {
                    try await Self.wait(until: message.time, pace: pace)
                } else {
                    let delay = clock.wallTime(for: message.time).timeIntervalSinceNow
                    if delay > 0.001 { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
                }
                while let oldest = watermark.oldestPending, message.time.timeIntervalSince(oldest) > maximumLead {
                    try await Task.sleep(for: .milliseconds(2))
                }
                watermark.handedOver(drone: message.drone, time: message.time)
                let drone = message.drone
                try group.send(MQTTMessage(topic: message.topic, payload: message.payload, qos: qos), to: member) {
                    watermark.published(drone: drone)
                }
                try observe(message)
                count += 1
                last = message.time
                if Date().timeIntervalSince(lastReport) >= 0.2 {
                    lastReport = Date()
                    progress(report(count, last, clock: clock, duration: duration, watermark: watermark))
                }
            }
            try await group.flush()
            progress(report(count, last, clock: clock, duration: duration, watermark: watermark, done: true))
        } catch {
            await group.close()
            throw error
        }
        await group.close()
    }

    /// Until the pace reaches `time`: in short sleeps, since the instructor may pause or change the speed meanwhile.
    private static func wait(until time: Date, pace: ExercisePace) async throws {
        while true {
            guard let due = pace.wallTime(for: time) else {
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            let delay = due.timeIntervalSinceNow
            if delay <= 0.001 { return }
            try await Task.sleep(for: .milliseconds(Int(min(delay, 0.1) * 1_000)))
        }
    }

    private func report(
        _ count: Int, _ time: Date, clock: ExerciseClock, duration: Double, watermark: PublishingWatermark,
        done: Bool = false
    ) -> ExerciseProgress {
        let fraction = done ? 1 : min(max(time.timeIntervalSince(clock.start) / max(duration, 1), 0), 1)
        let scheduled = clock.now(wall: Date())
        let behind = done ? 0 : max(0, scheduled.timeIntervalSince(watermark.limit(scheduled)))
        return ExerciseProgress(
            published: count, scenarioTime: time, fraction: fraction, behind: behind, worstBehind: watermark.worstLag)
    }
}

/// Publishing could not go on.
public struct PublishingError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
