public import Foundation
public import Geo

/// A bundle made ready for queries: zones in an R-tree, bands resolved to metres AMSL, authorisations keyed by
/// mission. Immutable and `Sendable`: build it once per bundle and query it from anywhere.
public struct AirspaceIndex: Sendable {
    public let bundle: SiteBundle
    let tree: RTree
    let bands: [ResolvedBand]
    let zoneIndexByID: [String: Int]
    let authorisationsByMission: [String: [Authorisation]]
    /// How far around a position zones are looked at: far enough for every zone's warning margin, and never
    /// less than ``minimumSearchRadius`` so that a nearby no-fly zone is always seen.
    let searchRadius: Double

    /// The least distance, in metres, around a position within which no-fly zones are considered.
    public static let minimumSearchRadius = 100.0

    public init(bundle: SiteBundle) {
        self.bundle = bundle
        var entries: [(box: BoundingBox, value: Int32)] = []
        for (index, zone) in bundle.zones.enumerated() {
            for box in zone.shape.boundingBoxes { entries.append((box, Int32(index))) }
        }
        tree = RTree(entries: entries)
        bands = bundle.zones.map { $0.band.resolved(in: bundle.site.datum) }
        zoneIndexByID = Dictionary(bundle.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        authorisationsByMission = Dictionary(grouping: bundle.authorisations, by: \.mission)
        searchRadius = max(AirspaceIndex.minimumSearchRadius, bundle.zones.map(\.marginMetres).max() ?? 0)
    }

    /// Where a zone's volume is relative to a position.
    struct ZoneFix {
        let index: Int
        let active: Bool
        let horizontal: ShapeLocation
        let vertical: VerticalLocation

        var isInsideVolume: Bool { horizontal.isInside && vertical.isWithin }

        /// Metres to leave the volume from inside, or to enter it from outside.
        var distance: Double {
            if isInsideVolume {
                if case .within(let clearance) = vertical { return min(horizontal.distanceToBoundary, clearance) }
            }
            let h = horizontal.isInside ? 0 : horizontal.distanceToBoundary
            let v = vertical.excess
            return (h * h + v * v).squareRoot()
        }
    }

    func fix(_ index: Int, _ query: PositionQuery, altitudeAMSL: Double) -> ZoneFix {
        let zone = bundle.zones[index]
        return ZoneFix(
            index: index, active: zone.activity.isActive(at: query.time), horizontal: zone.shape.locate(query.position),
            vertical: bands[index].locate(altitudeAMSL))
    }

    /// Zones whose boxes come within the search radius of `point`, each once, in bundle order.
    func candidates(near point: GeoPoint) -> [Int] {
        var found: [Int] = []
        for box in BoundingBox(point: point).expanded(byMetres: searchRadius) {
            tree.search(box) { found.append(Int($0)) }
        }
        found.sort()
        var unique: [Int] = []
        unique.reserveCapacity(found.count)
        for index in found where unique.last != index { unique.append(index) }
        return unique
    }

    /// The zones that hold `point` horizontally and are active at `time`, whatever the altitude.
    public func zones(containing point: GeoPoint, at time: Date) -> [Zone] {
        candidates(near: point).map { bundle.zones[$0] }.filter {
            $0.activity.isActive(at: time) && $0.shape.contains(point)
        }
    }

    public func zone(id: String) -> Zone? { zoneIndexByID[id].map { bundle.zones[$0] } }
}
