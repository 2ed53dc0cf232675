import Geo

/// What the query loop reads of one zone, in one plain record: a candidate costs one cache line, not one per
/// array of `AirspaceIndex`, and nothing in it is reference counted.
struct ZoneRecord {
    let band: ResolvedBand
    /// One box around the zone (around both halves of one that crosses ±180°).
    let outerBox: BoundingBox
    let margin: Double
    let kind: ZoneKind
    /// Active at every instant: the schedule need not be read.
    let isPermanent: Bool

    init(_ zone: Zone, datum: VerticalDatum) {
        band = zone.band.resolved(in: datum)
        let boxes = zone.shape.boundingBoxes
        outerBox = boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        margin = zone.marginMetres
        kind = zone.kind
        isPermanent = zone.activity == .always
    }

    /// Metres around the zone's box within which a position can be affected by it: inside it (within the
    /// boundary tolerance), or near enough for a warning, or for a no-fly zone near enough to be the nearest
    /// boundary reported.
    func reach(searchRadius: Double) -> Double {
        (kind == .noFly ? max(searchRadius, margin) : margin) + Shape.boundaryTolerance
    }
}
