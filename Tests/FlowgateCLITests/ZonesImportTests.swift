import Foundation
import TestSupport
import Testing

@Suite("flowgate zones import")
struct ZonesImportTests {
    /// Four zones: a plain one, a bow tie (edges 1 and 3 cross), the plain one's identifier again, and a
    /// skipped U-space zone.
    static let file = """
        {"type":"FeatureCollection","features":[\(feature("LSA1", "PROHIBITED")),\
        \(feature("LSB2", "PROHIBITED", ring: "[[7.40,46.90],[7.50,46.90],[7.40,47.00],[7.50,47.00],[7.40,46.90]]")),\
        \(feature("LSA1", "REQ_AUTHORIZATION")),\(feature("LSU3", "USPACE"))]}
        """

    static func feature(
        _ id: String, _ type: String,
        ring: String = "[[7.40,46.90],[7.50,46.90],[7.50,47.00],[7.40,47.00],[7.40,46.90]]"
    ) -> String {
        #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[\#(ring)],"#
            + #""layer":{"upper":120,"upperReference":"AGL","lower":0,"lowerReference":"AGL","uom":"m"}},"#
            + #""properties":{"identifier":"\#(id)","country":"CHE","name":[{"text":"\#(id)","lang":"en-GB"}],"#
            + #""type":"\#(type)","variant":"COMMON","reason":["AIR_TRAFFIC"],"limitedApplicability":[{"#
            + #""schedule":[{"day":["MON"],"startTime":"00:30:00.00+01:00","endTime":"02:00:00+01:00"}]}]}}"#
    }

    /// A temporary folder holding the ED-318 file, for `body`.
    static func withFile(_ body: (URL) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(file.utf8).write(to: root.appendingPathComponent("swiss.ed318.json"))
        try await body(root)
    }

    @Test("imports every zone, repairing the bow tie and renaming the duplicate; the report names all four")
    func report() async throws {
        try await Self.withFile { root in
            let out = root.appendingPathComponent("bundle").path
            let extra = root.appendingPathComponent("report.json").path
            let result = try await FlowgateProcess.run([
                "zones", "import", "--from", "ed318", root.appendingPathComponent("swiss.ed318.json").path, "--out",
                out,
                "--ground-elevation", "540", "--geoid-undulation", "49", "--report", extra,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdoutLines
            #expect(
                lines.first
                    == "\(out): 3 flowgate zones (3 in the bundle) from 4 zones in swiss.ed318.json: 3 kept (3 no_fly, 0 no_capture), 1 skipped, 1 repaired, 1 renamed."
            )
            #expect(lines.contains { $0.hasPrefix("  skipped LSU3 (features[3]): USPACE, reasons AIR_TRAFFIC") })
            #expect(lines.contains { $0.hasPrefix("  renamed LSA1 (features[2]) to LSA1#2") })
            #expect(
                lines.contains {
                    $0.hasPrefix("  repaired LSB2 (features[1]): geometry.coordinates[0]: ring intersects itself")
                })
            let reportURL = URL(fileURLWithPath: out).appendingPathComponent("import-report.json")
            let data = try Data(contentsOf: reportURL)
            #expect(try Data(contentsOf: URL(fileURLWithPath: extra)) == data)
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let counts = try #require(report["counts"] as? [String: Int])
            #expect(counts["zones_in_file"] == 4 && counts["kept"] == 3 && counts["skipped"] == 1)
            let zones = try #require(report["zones"] as? [[String: Any]])
            #expect(zones.map { $0["identifier"] as? String } == ["LSA1", "LSB2", "LSA1", "LSU3"])
            #expect(zones.map { $0["mapping"] as? String } == ["no_fly", "no_fly", "no_fly", "skip"])
            #expect(zones[2]["renamed_to"] as? String == "LSA1#2")
            let repair = try #require((zones[1]["repairs"] as? [[String: Any]])?.first)
            #expect(repair["replaced_by"] as? String == "the convex hull of its 4 positions")
            #expect((zones[0]["notes"] as? [String])?.first?.hasSuffix("is SUN 23:30-01:00 UTC") == true)
            let written = try String(
                contentsOf: URL(fileURLWithPath: out).appendingPathComponent("zones.geojson"), encoding: .utf8)
            #expect(written.contains(#""id":"LSA1#2""#))
        }
    }

    @Test("--strict refuses the file, naming the zone and the problem, and writes nothing")
    func strict() async throws {
        try await Self.withFile { root in
            let out = root.appendingPathComponent("bundle")
            let result = try await FlowgateProcess.run([
                "zones", "import", "--from", "ed318", root.appendingPathComponent("swiss.ed318.json").path, "--out",
                out.path,
                "--ground-elevation", "540", "--geoid-undulation", "49", "--strict",
            ])
            #expect(result.status == 1)
            #expect(result.stderrLines.count == 2, "\(result.stderr)")
            let line = result.stderrLines.last ?? ""
            #expect(line.contains("swiss.ed318.json: zone 'LSB2': geometry.coordinates[0] = edges 1 and 3"), "\(line)")
            #expect(line.contains("ring intersects itself; a strict import refuses invalid outlines"), "\(line)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }
}
