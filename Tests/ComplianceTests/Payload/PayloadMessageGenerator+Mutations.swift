import AirspaceFixtures
import StrictJSON

/// Changes to a message's tree: each keeps it JSON, and most make the tree path reject it or find something.
extension PayloadMessageGenerator {
    /// Keys to add: unknown ones, identifying ones, and schema keys out of their place.
    static let extraKeys = [
        "x", "trackId", "note", "count", "counts", "cells", "lat", "kind", "rows", "sensor", "v", "data", "origin",
        "frame_ref", "confidence", "é", "",
    ]

    /// Values of every type, and numbers at and past the schema's limits.
    static let edgeValues: [JSONValue] = [
        .null, .bool(true), .string("x"), .string("eo_camera"), .number(-1), .number(-0.0), .number(0), .number(1),
        .number(1.5), .number(90.000001), .number(180), .number(360.5), .number(100_000), .number(1e18),
        .number(9.3e18), .number(1e300), .number(9_007_199_254_740_992), .array([]), .object([:]),
    ]

    /// For each numeric member, values at its limits and just past them (by the decoder's ranges).
    static let limits: [String: [Double]] = [
        "v": [0, 1, 2], "seq": [-1, 0, 9_007_199_254_740_991, 9_007_199_254_740_992],
        "lat": [-90.000001, -90, 90, 90.000001], "lon": [-180.000001, -180, 180, 180.000001],
        "hfov_deg": [0, 1e-9, 179.999999, 180], "vfov_deg": [0, 1e-9, 179.999999, 180],
        "image_width_px": [0, 1, 100_000, 100_001, 1.5], "zoom": [0.999999, 1, 1_000, 1_000.000001],
        "slant_range_m": [0, 1e-9, 999_999.999, 1_000_000], "depression_deg": [-0.000001, 0, 90, 90.000001],
        "cell_m": [0, 1e-9, 99_999.999, 100_000], "rows": [0, 1, 1_000, 1_001, 2.5], "cols": [0, 1, 1_000, 1_001],
        "row": [-1, 0, 0.5, 999, 1_000], "col": [-1, 0, 0.5, 999, 1_000],
        "direction_deg": [-0.000001, 0, 360, 360.000001],
        "speed_mps": [-0.000001, 0, 50, 50.000001], "count": [-1, 0, 1_000_000, 1_000_001, 100_000_000, 100_000_001],
        "radius_m": [0, 1e-9, 99_999.999, 100_000], "confidence": [-0.000001, 0, 1, 1.000001],
        "duration_s": [0, 86_399.9, 86_400],
    ]

    mutating func mutated(_ object: JSONObject) -> JSONObject {
        switch Int.random(in: 0..<12, using: &rng) {
        case 9, 10, 11:
            // A number at or just past its limit, anywhere: the most frequent change, there are many limits.
            return atRandomObject(object) { object, rng in
                let numbers = object.members.indices.filter { Self.limits[object.members[$0].key] != nil }
                guard let index = numbers.randomElement(using: &rng) else { return object }
                var members = object.members
                members[index].value = .number(Self.limits[members[index].key]!.randomElement(using: &rng)!)
                return JSONObject(members)
            }
        case 0: return PayloadPropertyTests.insert(pick(Self.extraKeys), into: object, using: &rng)
        case 1: return PayloadPropertyTests.damage(object, using: &rng)
        case 2:
            // A member doubled (the parser refuses it), with its own value or another.
            return atRandomObject(object) { object, rng in
                guard let member = object.members.randomElement(using: &rng) else { return object }
                let value = Bool.random(using: &rng) ? member.value : Self.edgeValues.randomElement(using: &rng)!
                return JSONObject(object.members + [(member.key, value)])
            }
        case 3:
            return atRandomObject(object) { object, rng in
                guard let index = object.members.indices.randomElement(using: &rng) else { return object }
                var members = object.members
                members[index].value = Self.edgeValues.randomElement(using: &rng)!
                return JSONObject(members)
            }
        case 4:
            return atRandomObject(object) { object, rng in
                guard let index = object.members.indices.randomElement(using: &rng) else { return object }
                var members = object.members
                members.remove(at: index)
                return JSONObject(members)
            }
        case 5:
            var changed = object
            changed["product"] = .string(pick(Self.products + ["face_crop", "unknown", "CROWD_DENSITY", ""]))
            return changed
        case 6:
            var changed = object
            var sensor = object["sensor"]?.objectValue ?? self.sensor()
            sensor["kind"] = .string(
                pick(["imsi_catcher", "thermal", "EO_CAMERA", "lpr_camera", "", "data:x", "FaceRecognitionCam"]))
            changed["sensor"] = .object(sensor)
            return changed
        case 7:
            // Names the envelope's rules may refuse or classify: another drone or stream, a blob's magic number,
            // dots where a path would read a directory, words naming identification.
            var changed = object
            changed[pick(["drone", "stream", "mission", "time"])] = .string(
                pick([
                    "D8", "cam1", "GIF89a", "ffd8ffe000104a4649", "", "D 7", String(repeating: "D", count: 65), ".m",
                    "a..b", "face-match", "track_ids", "imsi-catcher",
                ]))
            return changed
        default:
            var changed = object
            changed["data"] = object["data"]?.objectValue.map { .object(damagedGrid($0)) }
            return changed
        }
    }

    /// A grid broken by a rule that joins its members: a cell doubled or outside the grid, a count too many or
    /// too few, a grid too large, a count too large for an `Int`.
    mutating func damagedGrid(_ data: JSONObject) -> JSONObject {
        var data = data
        // An earlier mutation may have put any number there: clamped, so that the generator itself cannot trap.
        let rows = Int(min(max(data["rows"]?.doubleValue ?? 1, 0), 1_000_000).rounded(.down))
        let cols = Int(min(max(data["cols"]?.doubleValue ?? 1, 0), 1_000_000).rounded(.down))
        if var cells = data["cells"]?.arrayValue {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: if let cell = cells.randomElement(using: &rng) { cells.append(cell) }
            case 1: cells.append(flowCell(row: rows, col: 0))
            case 2: cells.append(flowCell(row: 0, col: cols))
            default:
                data["rows"] = .number(1_000)
                data["cols"] = .number(pick([100, 101, 1_000]))
            }
            data["cells"] = .array(cells)
        } else if var counts = data["counts"]?.arrayValue {
            // An earlier mutation may have emptied the counts: then one is added, never removed or replaced.
            switch counts.isEmpty ? 0 : Int.random(in: 0..<3, using: &rng) {
            case 0: counts.append(.number(0))
            case 1: counts.removeLast()
            default:
                counts[Int.random(in: 0..<counts.count, using: &rng)] = pick([
                    .number(1e18), .number(9.3e18), .number(-0.0), .number(2.5),
                    // 2^60: a count beyond 2^53 that three of still add up within an Int.
                    .number(1_152_921_504_606_846_976),
                ])
            }
            data["counts"] = .array(counts)
        }
        return data
    }

    /// `value` with one of its objects, at any depth, changed by `change`.
    mutating func atRandomObject(_ object: JSONObject, _ change: (JSONObject, inout SeededRandom) -> JSONObject)
        -> JSONObject
    {
        Self.atRandomObject(.object(object), using: &rng, change).objectValue ?? object
    }

    static func atRandomObject(
        _ value: JSONValue, using rng: inout SeededRandom, _ change: (JSONObject, inout SeededRandom) -> JSONObject
    ) -> JSONValue {
        switch value {
        case .object(let object):
            let nested = object.members.indices.filter { holdsObject(object.members[$0].value) }
            guard let index = nested.randomElement(using: &rng), Int.random(in: 0..<3, using: &rng) > 0 else {
                return .object(change(object, &rng))
            }
            var members = object.members
            members[index].value = atRandomObject(members[index].value, using: &rng, change)
            return .object(JSONObject(members))
        case .array(var items):
            guard let index = items.indices.filter({ holdsObject(items[$0]) }).randomElement(using: &rng) else {
                return value
            }
            items[index] = atRandomObject(items[index], using: &rng, change)
            return .array(items)
        case .null, .bool, .number, .string:
            return value
        }
    }

    static func holdsObject(_ value: JSONValue) -> Bool {
        switch value {
        case .object: true
        case .array(let items): items.contains(where: holdsObject)
        case .null, .bool, .number, .string: false
        }
    }
}
