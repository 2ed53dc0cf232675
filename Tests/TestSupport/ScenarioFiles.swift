public import Foundation
public import StrictJSON

/// The shipped simulator scenarios as tests load and vary them.
public enum ScenarioFiles {
    /// `Simulator/Scenarios` of this checkout.
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Simulator/Scenarios")

    public static func url(_ name: String) -> URL { folder.appendingPathComponent("\(name).json") }

    /// A shipped scenario as JSON, its bundle an absolute path (so that a modified copy loads elsewhere).
    public static func json(_ name: String) throws -> JSONObject {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var object = try JSONParser.parse(text).objectValue!
        if let bundle = object["bundle"]?.stringValue {
            object["bundle"] = .string(folder.appendingPathComponent(bundle).standardizedFileURL.path)
        }
        return object
    }

    /// Writes `object` as a scenario file in a fresh temporary folder.
    public static func write(_ object: JSONObject) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-sim-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("scenario.json")
        try Data(JSONWriter.write(.object(object)).utf8).write(to: url)
        return url
    }

    /// Every drone of `object` publishing native telemetry: the same flights and faults.
    public static func native(_ object: JSONObject) -> JSONObject {
        var copy = object
        copy["drones"] = .array(
            object["drones"]!.arrayValue!.map { drone in
                var fields = drone.objectValue!
                fields["format"] = nil
                return .object(fields)
            })
        return copy
    }

    /// A MAVLink bridge's status message (HEARTBEAT, SYSTEM_TIME): it has no native twin.
    public static func isMAVLinkStatus(_ topic: String) -> Bool {
        topic.hasSuffix("/HEARTBEAT") || topic.hasSuffix("/SYSTEM_TIME")
    }
}
