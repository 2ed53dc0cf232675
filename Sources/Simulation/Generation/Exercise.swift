public import Airspace
public import Foundation
import Geo

/// A scenario with its site loaded and checked: ready to generate messages and their ground truth.
public struct Exercise: Sendable {
    public let scenario: Scenario
    public let airspace: AirspaceIndex
    public let limits: GatewayLimits
    let frame: LocalFrame
    let timelines: [DroneTimeline]

    /// Reads the scenario file, loads its bundle and checks the routes and faults against the site.
    /// - Throws: ``ScenarioError`` naming every problem by file, field and value.
    public static func load(_ url: URL, limits: GatewayLimits = GatewayLimits()) throws(ScenarioError) -> Exercise {
        try Exercise(scenario: ScenarioReader.read(url), limits: limits)
    }

    /// Loads the scenario's bundle and checks the scenario against it.
    /// - Throws: ``ScenarioError`` naming every problem by file, field and value.
    public init(scenario: Scenario, limits: GatewayLimits = GatewayLimits()) throws(ScenarioError) {
        let bundle: SiteBundle
        do {
            bundle = try BundleLoader.load(directory: scenario.bundleDirectory)
        } catch {
            throw ScenarioError(issues: [
                ScenarioIssue(
                    file: scenario.file, field: "bundle", value: "\"\(scenario.bundleDirectory.path)\"",
                    problem: "the site bundle does not load: \(error)")
            ])
        }
        self.scenario = scenario
        self.limits = limits
        airspace = AirspaceIndex(bundle: bundle)
        let frame = LocalFrame(origin: scenario.crowd.route[0])
        self.frame = frame
        timelines = scenario.drones.map {
            DroneTimeline(spec: $0, faults: scenario.faults, frame: frame, datum: bundle.site.datum)
        }
        let issues = ScenarioValidation(exercise: self).issues()
        guard issues.isEmpty else { throw ScenarioError(issues: issues) }
    }

    /// The exercise's messages in the order they are published, each with its ground truth. Lazy: a long
    /// exercise is generated as it is consumed.
    public func messages(seed: UInt64? = nil) -> ExerciseMessages {
        ExerciseMessages(exercise: self, seed: seed ?? scenario.seed)
    }

    /// The drone ids, in scenario order (each publishes with its own MQTT client).
    public var drones: [String] { scenario.drones.map(\.id) }
}

/// The messages of an exercise for one seed, generated on demand.
public struct ExerciseMessages: Sequence, Sendable {
    let exercise: Exercise
    let seed: UInt64

    public func makeIterator() -> ExerciseGenerator { ExerciseGenerator(exercise: exercise, seed: seed) }
}

/// A message the simulator publishes, with what a correct gateway must do with it.
public struct SimulatedMessage: Sendable, Hashable {
    /// Scenario time at which it is published (the gateway's clock when it arrives).
    public var time: Date
    /// The drone whose client publishes it.
    public var drone: String
    public var topic: String
    public var payload: [UInt8]
    public var truth: TruthLine
}
