import Compliance
import Foundation
public import Pipeline
public import Simulation
public import StrictJSON
import TestSupport

/// The simulator's mixed-fleet exercise for the gateway tests: the scenario (or a variant of it), the adapters
/// it needs, and its recording replayed and scored.
public enum MixedFleet {
    /// The mixed-fleet scenario as JSON, its bundle an absolute path.
    public static func json() throws -> JSONObject { try ScenarioFiles.json("mixed-fleet") }

    /// Every drone of `object` publishing native telemetry: the same flights and faults.
    public static func native(_ object: JSONObject) -> JSONObject { ScenarioFiles.native(object) }

    /// Loads a scenario written from `object` into a temporary folder.
    public static func exercise(_ object: JSONObject) throws -> Exercise {
        try Exercise.load(ScenarioFiles.write(object))
    }

    /// Runs the messages through `Replay` (the gateway's router and engine, with the exercise's adapters) and
    /// reads each output line back as the scorer does.
    public static func replayed(_ exercise: Exercise, _ messages: [SimulatedMessage]) throws -> [ActualDecision] {
        var replay = Replay(
            engine: ComplianceEngine(airspace: exercise.airspace), adapters: try exercise.adapters.settings)
        return try messages.enumerated().compactMap { index, message in
            let line = replay.single(
                RecordedMessage(time: message.time, topic: message.topic, payload: message.payload), line: index + 1)
            return try ActualDecision.replayLine(JSONWriter.write(.object(line)))
        }
    }
}

extension ExerciseAdapters {
    /// The gateway's `adapters:` settings for the exercise.
    public var settings: AdapterSettings {
        get throws {
            try AdapterSettings(
                missions: missions, djiCloudAPI: djiCloudAPI, mavlinkPrefix: mavlinkPrefix,
                remoteIDTopic: remoteIDTopic)
        }
    }
}
