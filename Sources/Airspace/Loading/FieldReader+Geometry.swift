import Geo
import StrictJSON

extension FieldReader {
    /// A GeoJSON `Polygon` or `MultiPolygon`, or a `Point` that is the centre of a circle of `radius`
    /// metres (GeoJSON has no circles; the radius lives in the feature's properties).
    /// - Parameter radius: the circle's radius and the path it was read from, for Point geometries.
    func shape(radius: (value: Double?, field: String, present: Bool)) -> Shape? {
        guard let type = string("type") else { return nil }
        guard let coordinates = array("coordinates") else { return nil }
        let coordinatesPath = path("coordinates")
        switch type {
        case "Point":
            guard radius.present else {
                report(coordinatesPath, .array(coordinates), "a Point zone is a circle: give properties.radius_m")
                return nil
            }
            guard let center = position(.array(coordinates), at: coordinatesPath), let value = radius.value else {
                return nil
            }
            do {
                return .circle(try Circle(center: center, radius: value))
            } catch {
                for issue in error.issues {
                    report(radius.field, .number(value), issue.problem)
                }
                return nil
            }
        case "Polygon":
            rejectRadius(radius)
            guard let rings = rings(coordinates, at: coordinatesPath) else { return nil }
            return polygon(rings, at: coordinatesPath).map(Shape.polygon)
        case "MultiPolygon":
            rejectRadius(radius)
            if coordinates.isEmpty {
                report(coordinatesPath, .array(coordinates), "a MultiPolygon needs at least one polygon")
                return nil
            }
            var parts: [Polygon] = []
            for (index, part) in coordinates.enumerated() {
                let partPath = "\(coordinatesPath)[\(index)]"
                guard let partRings = part.arrayValue else {
                    report(partPath, part, "expected an array of rings, found \(part.typeName)")
                    continue
                }
                if let rings = rings(partRings, at: partPath), let polygon = polygon(rings, at: partPath) {
                    parts.append(polygon)
                }
            }
            guard parts.count == coordinates.count else { return nil }
            var overlapping = false
            for later in parts.indices {
                for earlier in 0..<later where parts[earlier].overlaps(parts[later]) {
                    report(
                        "\(coordinatesPath)[\(later)]", .string("\(parts[later].outerRing.count) corners"),
                        "overlaps polygon \(coordinatesPath)[\(earlier)]; the parts of a MultiPolygon must be disjoint")
                    overlapping = true
                }
            }
            return overlapping ? nil : .multiPolygon(parts)
        default:
            report(
                path("type"), .string(type), "unsupported geometry (use Polygon, MultiPolygon, or Point with radius_m)")
            return nil
        }
    }

    private func rejectRadius(_ radius: (value: Double?, field: String, present: Bool)) {
        // A null radius has been reported already; saying it does not apply would only repeat that.
        if radius.present, radius.value != nil {
            report(radius.field, radius.value.map { .number($0) }, "radius_m only applies to Point geometries")
        }
    }

    private func polygon(_ rings: [[GeoPoint]], at polygonPath: String) -> Polygon? {
        do {
            return try Polygon(rings: rings)
        } catch {
            for issue in error.issues {
                report(polygonPath + issue.path.dropFirst("coordinates".count), .string(issue.value), issue.problem)
            }
            return nil
        }
    }

    /// The positions of each ring; every position must be a valid `[lon, lat]` (structure, not geometry).
    func rings(_ values: [JSONValue], at ringsPath: String) -> [[GeoPoint]]? {
        if values.isEmpty {
            report(ringsPath, .array(values), "a polygon needs an outer ring")
            return nil
        }
        var rings: [[GeoPoint]] = []
        var failed = false
        for (r, ring) in values.enumerated() {
            guard let positions = ring.arrayValue else {
                report("\(ringsPath)[\(r)]", ring, "expected an array of positions, found \(ring.typeName)")
                failed = true
                continue
            }
            var points: [GeoPoint] = []
            points.reserveCapacity(positions.count)
            for (p, value) in positions.enumerated() {
                if let point = position(value, at: "\(ringsPath)[\(r)][\(p)]") {
                    points.append(point)
                } else {
                    failed = true
                }
            }
            rings.append(points)
        }
        return failed ? nil : rings
    }

    /// `[longitude, latitude]` or `[longitude, latitude, altitude]` (the altitude is ignored: zones take
    /// their vertical extent from the band).
    func position(_ value: JSONValue, at positionPath: String) -> GeoPoint? {
        guard let items = value.arrayValue, (2...3).contains(items.count) else {
            report(positionPath, value, "expected a position [longitude, latitude]")
            return nil
        }
        guard let lon = items[0].doubleValue, let lat = items[1].doubleValue else {
            report(positionPath, value, "longitude and latitude must be numbers")
            return nil
        }
        if items.count == 3, items[2].doubleValue == nil {
            report(positionPath, value, "a third element, if given, must be a number (an altitude, ignored)")
            return nil
        }
        do {
            return try GeoPoint.validated(latitude: lat, longitude: lon)
        } catch {
            report(positionPath, value, error.description)
            return nil
        }
    }
}
