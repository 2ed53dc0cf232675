import Foundation

/// Identification capability from the camera's optics: the ground pixel density at the nearest edge of the
/// view, against the ceiling.
enum OpticsRules {
    /// The pixel density (px/m, when it could be bounded) and the findings.
    static func check(_ sensor: SensorGeometry?, heightAboveGround: Double?, policy: PayloadPolicy)
        -> (pixelDensity: Double?, findings: [PayloadFinding])
    {
        func unverifiable(_ why: String) -> (Double?, [PayloadFinding]) {
            (nil, [PayloadFinding(.opticsUnverifiable, detail: why)])
        }
        guard let sensor else { return unverifiable("the product needs the sensor's geometry, and it has none") }
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
                return unverifiable("neither slant_range_m nor depression_deg bounds the camera's range")
            }
            guard depression >= policy.minimumDepression else {
                return (
                    nil,
                    [
                        PayloadFinding(
                            .unboundedRange,
                            detail:
                                "the camera looks less than \(PayloadNumber.text(policy.minimumDepression))° below the horizon and no slant_range_m bounds its range"
                        )
                    ]
                )
            }
            guard let height = heightAboveGround else {
                return unverifiable("no slant_range_m, and the drone's height above ground is not known")
            }
            guard height > 0 else {
                return unverifiable("no slant_range_m, and the drone is not above the ground")
            }
            range = height / sin(radians(nearAngle(depression, sensor.verticalFieldOfView)))
        }
        guard range > 0, range.isFinite else { return unverifiable("the geometry gives no positive range") }
        let halfWidth = tan(radians(sensor.horizontalFieldOfView) / 2) / sensor.zoom
        // Rounded to a millionth so that a geometry exactly at the ceiling is not refused by rounding noise.
        let density = (Double(sensor.imageWidth) / (2 * range * halfWidth) * 1e6).rounded() / 1e6
        guard density > policy.pixelDensityCeiling else { return (density, []) }
        return (
            density,
            [
                PayloadFinding(
                    .pixelDensityExceeded,
                    detail:
                        "\(PayloadNumber.over(density)) px/m over the ceiling of \(PayloadNumber.text(policy.pixelDensityCeiling)) px/m"
                )
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
