public import Foundation
public import Geo

/// A bundle made ready for queries: zones in an R-tree, bands resolved to metres AMSL, authorisations keyed by
/// mission. Immutable and `Sendable`: build it once per bundle and query it from anywhere.
public struct AirspaceIndex: Sendable {
    public let bundle: SiteBundle
    let tree: RTree
    /// The same zones filed by cell, each where its reach (``ZoneRecord/reach(searchRadius:)``) covers: the
    /// lookup almost every query makes.
    let grid: CandidateGrid
    // Per zone, in bundle order: what every query reads, kept apart from the rest of `Zone` so that the
    // hot loop does not copy (and retain) whole zones.
    let records: [ZoneRecord]
    let outlines: OutlineTable
    let activities: [Activity]
    let zoneIndexByID: [String: Int]
    /// Authorisation indexes by mission.
    let authorisationsByMission: [String: [Int]]
    /// The same, as a list when there are few missions: comparing a few short strings costs less than hashing
    /// one, and every query looks its mission up.
    let fewMissions: [(mission: String, authorisations: [Int])]?
    /// For each authorisation, the indexes of its operation areas that list its mission, sorted.
    let authorisedAreas: [[Int32]]
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
        let all = entries(bundle.zones.indices)
        tree = RTree(entries: all)
        let records = bundle.zones.map { ZoneRecord($0, datum: bundle.site.datum) }
        self.records = records
        activities = bundle.zones.map(\.activity)
        let radius = max(AirspaceIndex.minimumSearchRadius, bundle.zones.map(\.marginMetres).max() ?? 0)
        searchRadius = radius
        // An operation area is also measured from outside, for the way back into it: its cells reach farther.
        outlines = OutlineTable(
            shapes: bundle.zones.map(\.shape),
            reaches: records.map {
                $0.kind == .operationArea
                    ? max($0.reach(searchRadius: radius), AirspaceIndex.operationAreaCellReach)
                    : $0.reach(searchRadius: radius)
            })
        // Never less than twice the boundary tolerance, which ``zones(containing:at:)`` looks around a point.
        grid = CandidateGrid(
            entries: all.map { entry in
                let reach = records[Int(entry.value)].reach(searchRadius: radius)
                return (entry.box, entry.value, max(reach, 2 * Shape.boundaryTolerance))
            },
            cellMetres: AirspaceIndex.cellMetres)
        let byID = Dictionary(bundle.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        zoneIndexByID = byID
        authorisationsByMission = Dictionary(
            grouping: bundle.authorisations.indices, by: { bundle.authorisations[$0].mission })
        fewMissions =
            authorisationsByMission.count < AirspaceIndex.fewestMissionsHashed
            ? authorisationsByMission.map { ($0.key, $0.value) } : nil
        let areas = bundle.authorisations.map { auth in
            auth.operationAreas.compactMap { byID[$0] }.filter { bundle.zones[$0].missions.contains(auth.mission) }
                .sorted()
        }
        authorisedAreas = areas.map { $0.map(Int32.init) }
        authorisedAreaTrees = areas.map { RTree(entries: entries($0)) }
    }

    /// From this many missions on, a query's mission is looked up by hashing.
    static let fewestMissionsHashed = 8

    /// The indexes of the authorisations for `mission`, in bundle order.
    @inline(__always)
    func authorisationIndexes(ofMission mission: String) -> [Int] {
        guard let fewMissions else { return authorisationsByMission[mission] ?? [] }
        for entry in fewMissions where entry.mission == mission { return entry.authorisations }
        return []
    }

    /// The side of the grid's cells, metres: about the size of the zones a city holds many of, so that a cell
    /// lists few zones and a zone fills few cells.
    static let cellMetres = 100.0

    /// Metres around an operation area's box that its outline cells cover (``OutlineTable``): a drone
    /// that has left the area is measured back to it from there.
    static let operationAreaCellReach = 3_000.0

    /// Every zone that can matter at `point` (within its reach), and maybe others, each once, in bundle order.
    /// - Parameter scale: metres per degree at the point's latitude.
    func candidates(near point: GeoPoint, scale: (north: Double, east: Double)) -> [Int32] {
        var found: [Int32] = []
        found.reserveCapacity(16)
        if !grid.search(around: point, { found.append($0) }) {
            let radius = searchRadius + Shape.boundaryTolerance
            let dLat = radius / scale.north * 1.01, dLon = radius / scale.east * 1.01
            if abs(point.latitude) < 80, abs(point.longitude) + dLon < 180 {
                // A box that neither wraps nor reaches a pole, without the general expansion's allocations.
                // The 1 % covers the change of scale across the box.
                let box = BoundingBox(
                    minLongitude: point.longitude - dLon, minLatitude: point.latitude - dLat,
                    maxLongitude: point.longitude + dLon, maxLatitude: point.latitude + dLat)
                tree.search(box) { found.append($0) }
            } else {
                for box in BoundingBox(point: point).expanded(byMetres: radius) {
                    tree.search(box) { found.append($0) }
                }
            }
        }
        if found.count > 1 {
            // A zone may come once per box (a multipolygon has a box per part, a circle across ±180° two), and
            // the grid's large zones after the rest.
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

    /// Calls `body` with ``candidates(near:scale:)``, gathered in a buffer on the stack when the grid serves
    /// the point and lists no more than ``stackCandidates`` of them: the query loop's one array less to
    /// allocate and free.
    func withCandidates<Result>(
        near point: GeoPoint, scale: (north: Double, east: Double), _ body: (UnsafeBufferPointer<Int32>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: AirspaceIndex.stackCandidates) { buffer in
            var count = 0
            var isComplete = true
            let served = grid.search(around: point) { value in
                guard count < buffer.count else {
                    isComplete = false
                    return
                }
                buffer[count] = value
                count += 1
            }
            guard served, isComplete else { return candidates(near: point, scale: scale).withUnsafeBufferPointer(body) }
            // The grid's values come in order, the large zones' after them: an insertion sort moves only those.
            for read in buffer.indices.dropFirst().prefix(max(0, count - 1)) {
                let value = buffer[read]
                var slot = read
                while slot > 0, buffer[slot - 1] > value {
                    buffer[slot] = buffer[slot - 1]
                    slot -= 1
                }
                buffer[slot] = value
            }
            var unique = min(count, 1)
            for read in buffer.indices.dropFirst().prefix(max(0, count - 1)) where buffer[read] != buffer[unique - 1] {
                buffer[unique] = buffer[read]
                unique += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<unique]))
        }
    }

    /// The most candidates ``withCandidates(near:scale:_:)`` gathers on the stack: 1 KiB, the most a temporary
    /// allocation is sure to get there.
    static let stackCandidates = 256

    /// The zones that hold `point` horizontally and are active at `time`, whatever the altitude.
    public func zones(containing point: GeoPoint, at time: Date) -> [Zone] {
        let scale = WGS84.metresPerDegree(atLatitude: point.latitude)
        return candidates(near: point, scale: scale).filter {
            isActive(Int($0), at: time) && outlines.contains(Int($0), point)
        }.map { bundle.zones[Int($0)] }
    }

    /// Whether zone `index` applies at `time`; a permanent zone's schedule is not read.
    @inline(__always)
    func isActive(_ index: Int, at time: Date) -> Bool {
        records[index].isPermanent || activities[index].isActive(at: time)
    }
}
