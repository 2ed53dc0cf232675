import Geo

/// Where a zone's volume is relative to one position.
struct ZoneFix {
    let index: Int
    let isInsideOutline: Bool
    /// Metres to the outline from either side; `nil` when the caller did not need it; infinite when the
    /// outline is known to lie farther than the caller needed (see ``AirspaceIndex/fix(_:at:altitudeAMSL:within:fromInside:)``).
    let outlineDistance: Double?
    let vertical: VerticalLocation

    var isInsideVolume: Bool { isInsideOutline && vertical.isWithin }

    /// Metres to leave the volume from inside, or to enter it from outside, through the air.
    var distance: Double {
        let horizontal = outlineDistance ?? 0
        if isInsideVolume, case .within(let clearance) = vertical { return min(horizontal, clearance) }
        let h = isInsideOutline ? 0 : horizontal
        let v = vertical.excess
        return (h * h + v * v).squareRoot()
    }
}

extension AirspaceIndex {
    /// - Parameter measure: whether to measure the distance to the outline, the costly part.
    func fix(_ index: Int, at point: GeoPoint, altitudeAMSL: Double, measure: Bool = true) -> ZoneFix {
        let vertical = records[index].band.locate(altitudeAMSL)
        if measure {
            let location = outlines.locate(index, point)
            return ZoneFix(
                index: index, isInsideOutline: location.isInside, outlineDistance: location.distanceToBoundary,
                vertical: vertical)
        }
        return ZoneFix(
            index: index, isInsideOutline: outlines.contains(index, point), outlineDistance: nil, vertical: vertical)
    }

    /// The fix with the outline's distance measured only where it can matter: from outside when it is at most
    /// `limit` metres (farther, it is infinite), from inside when `fromInside` (otherwise `nil`). Where a
    /// zone's outline cell proves the outline farther than `limit`, no edge is read.
    func fix(_ index: Int, at point: GeoPoint, altitudeAMSL: Double, within limit: Double, fromInside: Bool)
        -> ZoneFix
    {
        let location = outlines.locate(index, point, distanceWithin: limit, fromInside: fromInside)
        return ZoneFix(
            index: index, isInsideOutline: location.isInside,
            outlineDistance: location.distanceToBoundary ?? (location.isInside ? nil : .infinity),
            vertical: records[index].band.locate(altitudeAMSL))
    }
}
