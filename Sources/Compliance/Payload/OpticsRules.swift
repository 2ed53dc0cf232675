import Foundation

/// Identification capability from the camera's optics: the ground pixel density at the nearest edge of the
/// view, against the ceiling.
enum OpticsRules {
    /// The pixel density (px/m, when it could be bounded) and the findings.
    static func check(_ sensor: SensorGeometry?, heightAboveGround: Double?, policy: PayloadPolicy)
        -> (pixelDensity: Double?, findings: [PayloadFinding])
    {
        func unverifiable(_ gap: OpticsGap) -> (Double?, [PayloadFinding]) {
            (nil, [PayloadFinding(.opticsUnverifiable, .opticsUnverifiable(gap))])
        }
        guard let sensor else { return unverifiable(.noSensor) }
        var range: Double
        if let slant = sensor.slantRange {
            range = nearEdge(slant, depression: sensor.depression, verticalFieldOfView: sensor.verticalFieldOfView)
            // The drone's live height bounds the range too: a reported slant range longer than the height and
            // the depression allow must not make a zoomed camera pass. The shortest supported range counts.
            if let height = heightAboveGround, height > 0 {
                let depression = sensor.depression ?? degrees(asin(min(1, height / slant)))
                range = min(range, height / sin(radians(nearAngle(depression, sensor.verticalFieldOfView))))
            }
        } else {
            guard let depression = sensor.depression else {
                return unverifiable(.noRangeBound)
            }
            guard depression >= policy.minimumDepression else {
                return (
                    nil,
                    [PayloadFinding(.unboundedRange, .unboundedRange(minimumDepression: policy.minimumDepression))]
                )
            }
            guard let height = heightAboveGround else {
                return unverifiable(.heightUnknown)
            }
            guard height > 0 else {
                return unverifiable(.notAboveGround)
            }
            range = height / sin(radians(nearAngle(depression, sensor.verticalFieldOfView)))
        }
        guard range > 0, range.isFinite else { return unverifiable(.noPositiveRange) }
        let halfWidth = tan(radians(sensor.horizontalFieldOfView) / 2) / sensor.zoom
        // Rounded to a millionth so that a geometry exactly at the ceiling is not refused by rounding noise.
        let density = (Double(sensor.imageWidth) / (2 * range * halfWidth) * 1e6).rounded() / 1e6
        guard density > policy.pixelDensityCeiling else { return (density, []) }
        return (
            density,
            [
                PayloadFinding(
                    .pixelDensityExceeded, .pixelDensityExceeded(density: density, ceiling: policy.pixelDensityCeiling))
            ]
        )
    }

    /// The range to the near edge of the view over flat ground: the slant range at the centre scaled by the
    /// sines of the centre's and the near edge's depressions. The centre when the angles are not known.
    static func nearEdge(_ slant: Double, depression: Double?, verticalFieldOfView: Double?) -> Double {
        guard let depression, let verticalFieldOfView else { return slant }
        let height = slant * sin(radians(depression))
        return height / sin(radians(nearAngle(depression, verticalFieldOfView)))
    }

    /// The depression of the view's near edge: half the vertical field of view below the centre, at most 90°.
    static func nearAngle(_ depression: Double, _ verticalFieldOfView: Double?) -> Double {
        min(90, depression + (verticalFieldOfView ?? 0) / 2)
    }

    static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
    static func degrees(_ radians: Double) -> Double { radians * 180 / .pi }
}
