import Audit
import Foundation
import Geo
import StrictJSON

/// Tracks and violations for GIS tools and spreadsheets.
public enum Exports {
    /// A GeoJSON FeatureCollection: one LineString per track segment (properties: drone, mission, state, start,
    /// end, times, reasons) and one Point per violation (properties: kind, drone, mission, stream, time,
    /// last_time, reasons, count; geometry `null` when the drone had no fix).
    public static func geoJSON(_ run: RecordedRun) -> String {
        var features: [JSONValue] = []
        for segment in TrackSegment.split(run.tracks) {
            var coordinates = segment.fixes.map { position($0.position) }
            if coordinates.count == 1 { coordinates.append(coordinates[0]) }
            let reasons = Array(Set(segment.fixes.flatMap(\.reasons))).sorted()
            features.append(
                feature(
                    geometry: .object(["type": "LineString", "coordinates": .array(coordinates)]),
                    properties: [
                        "feature": "track", "drone": .string(segment.drone), "mission": text(segment.mission),
                        "state": .string(segment.state.rawValue), "start": time(segment.fixes.first?.time),
                        "end": time(segment.fixes.last?.time),
                        "times": .array(segment.fixes.map { time($0.time) }),
                        "reasons": .array(reasons.map(JSONValue.string)),
                    ]))
        }
        for violation in Violation.find(in: run) {
            let geometry: JSONValue =
                violation.position.map {
                    .object(["type": "Point", "coordinates": position($0)])
                } ?? .null
            features.append(
                feature(
                    geometry: geometry,
                    properties: [
                        "feature": "violation", "kind": .string(violation.kind.rawValue),
                        "drone": .string(violation.drone), "mission": text(violation.mission),
                        "stream": text(violation.stream), "time": time(violation.time),
                        "last_time": time(violation.lastTime),
                        "reasons": .array(violation.reasons.map(JSONValue.string)), "count": .number(violation.count),
                    ]))
        }
        return JSONWriter.write(.object(["type": "FeatureCollection", "features": .array(features)])) + "\n"
    }

    /// CSV with a header: one row per fix (`type` track) and one per violation (`type` violation).
    public static func csv(_ run: RecordedRun) -> String {
        var rows = [
            [
                "type", "drone", "mission", "stream", "time", "end_time", "lat", "lon", "alt_m", "state", "reasons",
                "count",
            ]
        ]
        for fix in run.tracks {
            rows.append([
                "track", fix.drone, fix.mission ?? "", "", RFC3339.format(fix.time), "",
                "\(fix.position.latitude)", "\(fix.position.longitude)", fix.altitudeMetres.map { "\($0)" } ?? "",
                fix.state.rawValue, fix.reasons.joined(separator: ";"), "",
            ])
        }
        for violation in Violation.find(in: run) {
            rows.append([
                "violation", violation.drone, violation.mission ?? "", violation.stream ?? "",
                RFC3339.format(violation.time), RFC3339.format(violation.lastTime),
                violation.position.map { "\($0.latitude)" } ?? "", violation.position.map { "\($0.longitude)" } ?? "",
                "", violation.kind.rawValue, violation.reasons.joined(separator: ";"), "\(violation.count)",
            ])
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func feature(geometry: JSONValue, properties: JSONObject) -> JSONValue {
        .object(["type": "Feature", "geometry": geometry, "properties": .object(properties)])
    }

    private static func position(_ point: GeoPoint) -> JSONValue {
        .array([.number(point.longitude), .number(point.latitude)])
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    private static func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0)) } ?? .null }
}
