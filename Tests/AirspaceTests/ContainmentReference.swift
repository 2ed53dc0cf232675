import Foundation
import Geo

/// The cases and answers `Tests/Tools/containment_reference.py` writes: zones as GeoJSON-like coordinates and,
/// for each, points with whether the independent implementations put them inside.
struct ContainmentReference: Decodable {
    struct Case: Decodable {
        let lon: Double
        let lat: Double
        let inside: Bool
        let why: String
    }

    struct Zone: Decodable {
        let id: String
        let type: String
        let rings: [[[Double]]]?
        let parts: [[[[Double]]]]?
        let center: [Double]?
        let radius: Double?
        let cases: [Case]

        func shape() throws -> Shape {
            func polygon(_ rings: [[[Double]]]) throws -> Polygon {
                try Polygon(rings: rings.map { ring in ring.map { GeoPoint(latitude: $0[1], longitude: $0[0]) } })
            }
            switch type {
            case "polygon": return .polygon(try polygon(rings ?? []))
            case "multipolygon": return .multiPolygon(try (parts ?? []).map(polygon))
            default:
                let c = center ?? []
                return .circle(try Circle(center: GeoPoint(latitude: c[1], longitude: c[0]), radius: radius ?? 0))
            }
        }
    }

    let seed: Int
    let zones: [Zone]

    struct ScriptFailed: Error, CustomStringConvertible {
        let status: Int32
        let output: String
        var description: String {
            "Tests/Tools/containment_reference.py exited \(status) (needs python3 with shapely and geographiclib: "
                + "pip install shapely geographiclib):\n\(output)"
        }
    }

    /// Runs the reference script and reads what it wrote.
    static func generate(seed: Int, zones: Int) throws -> ContainmentReference {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tools/containment_reference.py")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flowgate-containment-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(seed)", output.path, "\(zones)"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let messages = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ScriptFailed(status: process.terminationStatus, output: String(decoding: messages, as: UTF8.self))
        }
        return try JSONDecoder().decode(ContainmentReference.self, from: Data(contentsOf: output))
    }
}
