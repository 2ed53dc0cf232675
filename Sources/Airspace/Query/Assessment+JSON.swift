public import StrictJSON

extension Assessment {
    /// The assessment as the JSON object `flowgate zones query` writes, stable field names.
    public var json: JSONObject {
        var object: JSONObject = [
            "verdict": .string(verdict.rawValue),
            "reasons": .array(reasons.map(\.json)),
            "warnings": .array(warnings.map(\.json)),
        ]
        for member in situationJSON.members { object[member.key] = member.value }
        return object
    }

    /// The members of ``json`` that say where the drone is and what applies there, without the verdict and its
    /// reasons: what the gateway attaches to every forwarded fix, whose own findings replace the reasons.
    public var situationJSON: JSONObject {
        [
            "zones": .object(
                JSONObject(ZoneKind.allCases.map { (key: $0.rawValue, value: .array(zones[$0].map(JSONValue.string))) })
            ),
            "authorised": .bool(isAuthorisedHere),
            "authorisation": authorisation.map(JSONValue.string) ?? .null,
            "capture_allowed": .bool(isCaptureAllowed),
            "nearest_boundary": nearestBoundary.map { boundary in
                .object([
                    "zone": .string(boundary.zone), "kind": .string(boundary.kind.rawValue),
                    "distance_m": .number((boundary.metres * 100).rounded() / 100), "inside": .bool(boundary.isInside),
                ])
            } ?? .null,
        ]
    }
}

extension Reason {
    public var json: JSONValue {
        var object: JSONObject = ["code": .string(code.rawValue), "subject": subject.map(JSONValue.string) ?? .null]
        if let metres { object["distance_m"] = .number((metres * 100).rounded() / 100) }
        object["detail"] = .string(detail)
        return .object(object)
    }
}
