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
    /// reasons: what the gateway attaches to every forwarded fix, whose own findings replace the reasons. Read
    /// back from ``writeSituation(into:)``, the one place that says what they are.
    public var situationJSON: JSONObject {
        var writer = JSONObjectWriter(capacity: 256)
        writeSituation(into: &writer)
        // The writer's own output is valid JSON: parsing it cannot fail.
        return (try? JSONParser.parse(writer.finish()).objectValue) ?? [:]
    }

    /// Writes the situation's members into an object being written: the gateway does so for every forwarded fix,
    /// without building a tree.
    public func writeSituation(into object: inout JSONObjectWriter) {
        object.member("zones") { zones in
            for kind in ZoneKind.allCases { zones.member(kind.rawValue, strings: self.zones[kind]) }
        }
        object.member("authorised", bool: isAuthorisedHere)
        object.member("authorisation", stringOrNull: authorisation)
        object.member("capture_allowed", bool: isCaptureAllowed)
        guard let boundary = nearestBoundary else { return object.memberNull("nearest_boundary") }
        object.member("nearest_boundary") { nearest in
            nearest.member("zone", string: boundary.zone)
            nearest.member("kind", string: boundary.kind.rawValue)
            nearest.member("distance_m", number: (boundary.metres * 100).rounded() / 100)
            nearest.member("inside", bool: boundary.isInside)
        }
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
