public import Foundation
public import Geo

/// A bundle made ready for queries: zones in an R-tree, bands resolved to metres AMSL, authorisations keyed by
/// mission. Immutable and `Sendable`: build it once per bundle and query it from anywhere.
public struct AirspaceIndex: Sendable {
    public let bundle: SiteBundle
    let tree: RTree
    let bands: [ResolvedBand]
    let zoneIndexByID: [String: Int]
    /// Authorisation indexes by mission.
    let authorisationsByMission: [String: [Int]]
    /// For each authorisation, the indexes of its operation areas that list its mission.
    let authorisedAreas: [Set<Int>]
    /// An R-tree per authorisation over its areas, to find the nearest one from outside.
    let authorisedAreaTrees: [RTree]
    /// How far around a position zones are looked at: far enough for every zone's warning margin, and never
    /// less than ``minimumSearchRadius`` so that a nearby no-fly zone is always seen.
    let searchRadius: Double

    /// The least distance, in metres, around a position within which no-fly zones are considered.
    public static let minimumSearchRadius = 100.0

    public init(bundle: SiteBundle) {
        self.bundle = bundle
        func entries(_ indexes: some Sequence<Int>) -> [(box: BoundingBox, value: Int32)] {
            indexes.flatMap { index in bundle.zones[index].shape.boundingBoxes.map { (box: $0, value: Int32(index)) } }
        }
        tree = RTree(entries: entries(bundle.zones.indices))
        bands = bundle.zones.map { $0.band.resolved(in: bundle.site.datum) }
        let byID = Dictionary(bundle.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        zoneIndexByID = byID
        authorisationsByMission = Dictionary(grouping: bundle.authorisations.indices, by: { bundle.authorisations[$0].mission })
        let areas = bundle.authorisations.map { auth in
            Set(auth.operationAreas.compactMap { byID[$0] }.filter { bundle.zones[$0].missions.contains(auth.mission) })
        }
        authorisedAreas = areas
        authorisedAreaTrees = areas.map { RTree(entries: entries($0.sorted())) }
        searchRadius = max(AirspaceIndex.minimumSearchRadius, bundle.zones.map(\.marginMetres).max() ?? 0)
    }

    /// Zones whose boxes come within `radius` metres of `point`, each once, in bundle order.
    func candidates(near point: GeoPoint, radius: Double) -> [Int32] {
        var found: [Int32] = []
        for box in BoundingBox(point: point).expanded(byMetres: radius) {
            tree.search(box) { found.append($0) }
        }
        if found.count > 1 {
            // A zone appears once per box: a multipolygon has a box per part, a circle across ±180° two.
            found.sort()
            var write = 1
            for read in 1..<found.count where found[read] != found[write - 1] {
                found[write] = found[read]
                write += 1
            }
            found.removeLast(found.count - write)
        }
        return found
    }

    /// The zones that hold `point` horizontally and are active at `time`, whatever the altitude.
    public func zones(containing point: GeoPoint, at time: Date) -> [Zone] {
        candidates(near: point, radius: 0).map { bundle.zones[Int($0)] }.filter {
            $0.activity.isActive(at: time) && $0.shape.contains(point)
        }
    }

    public func zone(id: String) -> Zone? { zoneIndexByID[id].map { bundle.zones[$0] } }
}
