public import StrictJSON

extension Assessment {
    /// The assessment as the JSON object `flowgate zones query` writes, stable field names. Read back from
    /// ``write(into:)``, the one place that says what they are.
    public var json: JSONObject {
        var writer = JSONObjectWriter(capacity: 512)
        write(into: &writer)
        // The writer's own output is valid JSON: parsing it cannot fail.
        return (try? JSONParser.parse(writer.finish()).objectValue) ?? [:]
    }

    /// Writes the members of ``json`` into an object being written, without building a tree: `flowgate zones
    /// query` answers millions of positions, and the tree cost more than the assessment.
    public func write(into object: inout JSONObjectWriter) {
        object.member("verdict", string: verdict.rawValue)
        object.memberArray("reasons") { array in
            for reason in reasons { array.object { reason.write(into: &$0) } }
        }
        object.memberArray("warnings") { array in
            for warning in warnings { array.object { warning.write(into: &$0) } }
        }
        writeSituation(into: &object)
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
        if let metres { object["distance_m"] = .number(Self.roundedMetres(metres)) }
        object["detail"] = .string(detail)
        return .object(object)
    }

    /// Writes the members of ``json``, with the same text, without building a tree.
    public func write(into object: inout JSONObjectWriter) {
        object.member("code", string: code.rawValue)
        object.member("subject", stringOrNull: subject)
        if let metres { object.member("distance_m", number: Self.roundedMetres(metres)) }
        object.member("detail", string: detail)
    }

    /// Centimetres: finer than any position is known, and short to read.
    private static func roundedMetres(_ metres: Double) -> Double { (metres * 100).rounded() / 100 }
}
