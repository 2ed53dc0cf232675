public import Foundation
import Geo
import StrictJSON

/// Reads a scenario file strictly: unknown fields, wrong types and values out of range are refused, each problem
/// named by file, field path and value. Problems in different drones and faults are reported together.
public enum ScenarioReader {
    /// Reads the scenario file at `url`; the bundle path is resolved against the file's folder.
    /// - Throws: ``ScenarioError`` listing the problems found.
    public static func read(_ url: URL) throws(ScenarioError) -> Scenario {
        let file = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScenarioError(issues: [
                ScenarioIssue(file: file, field: "(file)", value: "(unreadable)", problem: error.localizedDescription)
            ])
        }
        return try read(data, file: file, folder: url.deletingLastPathComponent())
    }

    /// Reads a scenario from its text; `folder` is where a relative bundle path starts.
    public static func read(_ data: Data, file: String, folder: URL) throws(ScenarioError) -> Scenario {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw ScenarioError(issues: [
                ScenarioIssue(
                    file: file, field: "line \(error.line), column \(error.column)", value: "(JSON)",
                    problem: error.problem)
            ])
        }
        guard let object = document.objectValue else {
            throw ScenarioError(issues: [
                ScenarioIssue(
                    file: file, field: "(document)", value: ScenarioFields.show(document),
                    problem: "expected a JSON object")
            ])
        }
        let root = ScenarioFields(object: object, path: "", file: file)
        var issues: [ScenarioIssue] = []
        func attempt<T>(_ body: () throws(ScenarioIssue) -> T) -> T? {
            do { return try body() } catch {
                issues.append(error)
                return nil
            }
        }
        _ = attempt { () throws(ScenarioIssue) in
            try root.allowOnly([
                "name", "description", "bundle", "start", "duration_s", "seed", "drones", "crowd", "faults",
            ])
        }
        let name = attempt { () throws(ScenarioIssue) in try root.string("name") }
        if root.has("description") { _ = attempt { () throws(ScenarioIssue) in try root.string("description") } }
        let bundle = attempt { () throws(ScenarioIssue) in try root.string("bundle") }
        let start = attempt { () throws(ScenarioIssue) in try root.time("start") }
        let duration = attempt { () throws(ScenarioIssue) in try root.positive("duration_s", maximum: 86_400) }
        let seed = attempt { () throws(ScenarioIssue) -> UInt64 in
            root.has("seed") ? UInt64(try root.integer("seed", in: 0...Int(Int32.max))) : 1
        }
        let crowd = attempt { () throws(ScenarioIssue) in try CrowdReader.read(try root.object("crowd")) }
        var drones: [DroneSpec] = []
        if let items = attempt({ () throws(ScenarioIssue) in try root.objects("drones") }) {
            for item in items {
                let drone = attempt { () throws(ScenarioIssue) in
                    try DroneReader.read(item, duration: duration ?? 0)
                }
                if let drone { drones.append(drone) }
            }
        }
        var faults: [FaultSpec] = []
        if root.has("faults"),
            let items = attempt({ () throws(ScenarioIssue) in try root.objects("faults", allowEmpty: true) })
        {
            for (index, item) in items.enumerated() {
                if let fault = attempt({ () throws(ScenarioIssue) in
                    try FaultReader.read(item, index: index, duration: duration ?? 0)
                }) {
                    faults.append(fault)
                }
            }
        }
        issues += crossReferences(drones: drones, faults: faults, file: file)
        guard issues.isEmpty, let name, let bundle, let start, let duration, let seed, let crowd else {
            throw ScenarioError(issues: issues)
        }
        return Scenario(
            name: name, file: file,
            bundleDirectory: URL(fileURLWithPath: bundle, relativeTo: folder).standardizedFileURL,
            start: start, duration: duration, seed: seed, drones: drones, crowd: crowd, faults: faults)
    }

    /// Drone ids are unique, and every fault names a drone (and stream) of the scenario.
    static func crossReferences(drones: [DroneSpec], faults: [FaultSpec], file: String) -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        var seen: Set<String> = []
        for (index, drone) in drones.enumerated() where !seen.insert(drone.id).inserted {
            issues.append(
                ScenarioIssue(
                    file: file, field: "drones[\(index)].id", value: "\"\(drone.id)\"", problem: "duplicate drone id"))
        }
        for fault in faults {
            let path = "faults[\(fault.index)]"
            guard let drone = drones.first(where: { $0.id == fault.drone }) else {
                issues.append(
                    ScenarioIssue(
                        file: file, field: "\(path).drone", value: "\"\(fault.drone)\"",
                        problem: "names no drone of the scenario"))
                continue
            }
            if let stream = fault.stream, !drone.streams.contains(where: { $0.name == stream }) {
                issues.append(
                    ScenarioIssue(
                        file: file, field: "\(path).params.stream", value: "\"\(stream)\"",
                        problem: "drone \(drone.id) has no such stream"))
            }
            if let problem = drone.format.cannotCarry(fault) {
                issues.append(
                    ScenarioIssue(
                        file: file, field: "\(path).fault", value: "\"\(fault.kind.rawValue)\"",
                        problem: "drone \(drone.id) publishes \(drone.format.rawValue): \(problem)"))
            }
            if case .spoof(_, let impersonated) = fault.action, impersonated == drone.id {
                issues.append(
                    ScenarioIssue(
                        file: file, field: "\(path).params.as", value: "\"\(impersonated)\"",
                        problem: "a spoofed id must differ from the drone's own"))
            }
        }
        return issues
    }
}
