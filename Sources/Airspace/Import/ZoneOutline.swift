import Geo
import StrictJSON

/// A zone's horizontal outline as read from an ED file, before its geometry is judged.
///
/// Judging waits for the mapping: a zone that is skipped anyway is never refused for its shape, and a kept
/// zone's invalid polygon can be repaired (see ``resolve(strict:)``) instead of refusing the whole file.
enum ZoneOutline {
    case circle(Circle)
    /// GeoJSON rings, outer first, as written (closure and validity not yet checked).
    case polygon([[GeoPoint]])
    /// The parts' rings, as written.
    case multiPolygon([[[GeoPoint]]])
}

extension FieldReader {
    /// A GeoJSON `Polygon` or `MultiPolygon` of this object, its positions read and range-checked only.
    func polygonOutline() -> ZoneOutline? {
        guard let type = optionalString("type", required: true), let coordinates = array("coordinates") else {
            return nil
        }
        let coordinatesPath = path("coordinates")
        switch type {
        case "Polygon":
            return rings(coordinates, at: coordinatesPath).map(ZoneOutline.polygon)
        case "MultiPolygon":
            guard !coordinates.isEmpty else {
                report(coordinatesPath, .array(coordinates), "a MultiPolygon needs at least one polygon")
                return nil
            }
            var parts: [[[GeoPoint]]] = []
            for (index, part) in coordinates.enumerated() {
                let partPath = "\(coordinatesPath)[\(index)]"
                guard let values = part.arrayValue else {
                    report(partPath, part, "expected an array of rings, found \(part.typeName)")
                    continue
                }
                if let rings = rings(values, at: partPath) { parts.append(rings) }
            }
            return parts.count == coordinates.count ? .multiPolygon(parts) : nil
        default:
            report(path("type"), .string(type), "expected Polygon or MultiPolygon")
            return nil
        }
    }
}
