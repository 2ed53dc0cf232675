import Geo

/// Where a zone's volume is relative to one position.
struct ZoneFix {
    let index: Int
    let horizontal: ShapeLocation
    let vertical: VerticalLocation

    var isInsideVolume: Bool { horizontal.isInside && vertical.isWithin }

    /// Metres to leave the volume from inside, or to enter it from outside, through the air.
    var distance: Double {
        if isInsideVolume, case .within(let clearance) = vertical {
            return min(horizontal.distanceToBoundary, clearance)
        }
        let h = horizontal.isInside ? 0 : horizontal.distanceToBoundary
        let v = vertical.excess
        return (h * h + v * v).squareRoot()
    }
}

extension AirspaceIndex {
    func fix(_ index: Int, at point: GeoPoint, altitudeAMSL: Double) -> ZoneFix {
        ZoneFix(
            index: index, horizontal: bundle.zones[index].shape.locate(point), vertical: bands[index].locate(altitudeAMSL))
    }
}
