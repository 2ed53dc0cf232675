import Geo

/// Where a zone's volume is relative to one position.
struct ZoneFix {
    let index: Int
    let isInsideOutline: Bool
    /// Metres to the outline from either side; `nil` when the caller did not need it.
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
}
