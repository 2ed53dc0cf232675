import Airspace
import Foundation
import Geo
import StrictJSON

/// Draws one feature of a ``SyntheticED318`` file and what its import must give.
struct FeatureBuilder {
    let index: Int
    var rng: SplitMix64
    let maximumVertices: Int

    /// UTC offsets the schedules are written in, seconds: Swiss winter and summer time, and far ones that move a
    /// period across midnight or the week's end.
    static let offsets = [0, 3_600, 7_200, -18_000, 20_700, 50_400, -36_000]
    static let week = 7 * 86_400

    mutating func build(special: SyntheticED318.Special?, earlier: [SyntheticED318.Expectation]) -> (
        JSONValue, SyntheticED318.Expectation
    ) {
        var identifier = "SYN\(String(1000 + index).suffix(4))"
        var restriction = pick(
            ["PROHIBITED", "REQ_AUTHORIZATION", "CONDITIONAL", "NO_RESTRICTION", "USPACE"],
            [
                15, 50, 10, 15, 10,
            ])
        var reasons = [pick(["AIR_TRAFFIC", "SENSITIVE", "NATURE", "POPULATION", "NOISE", "DAR", "OTHER"], nil)]
        if Int.random(in: 0..<10, using: &rng) == 0 { reasons.append("PRIVACY") }
        var twin: SyntheticED318.Expectation?
        switch special {
        case .skippedTwin, .keptTwin:
            twin = earlier.last { $0.action != .skip }
            identifier = twin?.identifier ?? identifier
            restriction = special == .skippedTwin ? "NO_RESTRICTION" : "PROHIBITED"
            reasons = ["AIR_TRAFFIC"]
        case .invalidRing:
            restriction = "PROHIBITED"
            reasons = ["SENSITIVE"]
        case .invalidRingSkipped:
            restriction = "USPACE"
            reasons = ["OTHER"]
        case nil:
            break
        }
        let action: ImportedZoneAction =
            restriction == "PROHIBITED"
            ? .noFly
            : reasons.contains("PRIVACY")
                ? .noCapture : ["NO_RESTRICTION", "USPACE"].contains(restriction) ? .skip : .noFly
        let geometry = drawGeometry(invalid: special == .invalidRing || special == .invalidRingSkipped)
        let schedule = Int.random(in: 0..<10, using: &rng) < 3 ? drawSchedule() : nil
        let renamed = special == .keptTwin ? "\(identifier)#2" : nil
        let base = renamed ?? identifier
        let ids =
            action == .skip
            ? []
            : geometry.bands.count > 1
                ? [renamed.map { "\($0)-v1" } ?? "\(base)#v1", renamed.map { "\($0)-v2" } ?? "\(base)#v2"] : [base]
        var properties: JSONObject = [
            "identifier": .string(identifier), "country": "CHE",
            "name": texts("Zone \(index)", french: "Zone \(index)", german: "Zone \(index)"),
            "type": .string(restriction), "variant": "COMMON", "reason": .array(reasons.map { .string($0) }),
            "restrictionConditions": "The operation of unmanned aircraft is only allowed with an exemption permit.",
            "region": .number(0),
            "zoneAuthority": .array([
                .object([
                    "name": texts("Federal Office", french: "Office fédéral", german: "Bundesamt"),
                    "service": texts("Drone desk", french: "Bureau drones", german: "Drohnenbüro"),
                    "siteURL": "https://example.org/drones", "email": "drones@example.org", "purpose": "AUTHORIZATION",
                    "intervalBefore": "P10DT00H",
                ])
            ]),
        ]
        if let schedule { properties["limitedApplicability"] = .array([schedule.json]) }
        let feature: JSONObject = [
            "type": "Feature", "geometry": geometry.json, "properties": .object(properties),
        ]
        let expectation = SyntheticED318.Expectation(
            identifier: identifier, position: "features[\(index)]", action: action, zoneIDs: ids,
            renamedTo: renamed, invalidRing: geometry.invalid, bands: geometry.bands, radius: geometry.radius,
            corners: geometry.corners, inside: geometry.center, weeklySpans: schedule?.spans ?? [],
            convertedTimes: schedule?.converted ?? false)
        return (.object(feature), expectation)
    }

    func texts(_ english: String, french: String, german: String) -> JSONValue {
        .array([
            .object(["text": .string(german), "lang": "de-CH"]), .object(["text": .string(french), "lang": "fr-CH"]),
            .object(["text": .string(english), "lang": "en-GB"]),
        ])
    }

    mutating func pick(_ choices: [String], _ weights: [Int]?) -> String {
        let weights = weights ?? Array(repeating: 1, count: choices.count)
        var roll = Int.random(in: 0..<weights.reduce(0, +), using: &rng)
        for (choice, weight) in zip(choices, weights) {
            if roll < weight { return choice }
            roll -= weight
        }
        return choices[0]
    }
}
