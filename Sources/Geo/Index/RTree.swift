/// A static R-tree packed by Sort-Tile-Recursive (Leutenegger et al., 1997).
///
/// Zones are loaded once per bundle and queried millions of times, so the tree is built in one pass and
/// never changes: every node is full, boxes sit in one flat array, and a query allocates nothing.
public struct RTree: Sendable {
    /// Children per node.
    public static let fanout = 16

    /// Boxes of every item, leaf entries first, then each level of nodes, the root last:
    /// `[minLon, minLat, maxLon, maxLat]` per item.
    private let boxes: [Double]
    /// For a node (index ≥ `entryCount`), where its children start; they are contiguous.
    private let childStart: [Int32]
    private let childCount: [Int32]
    /// The value stored with each leaf entry, in leaf order.
    private let values: [Int32]
    private let entryCount: Int
    /// Levels of items, the leaf entries' included.
    private let levels: Int
    /// Metres per degree no larger than the true scale anywhere in the tree or between it and a query point
    /// at a lower latitude: north at the equator, east at the highest latitude any box reaches.
    let lowerBoundScale: (north: Double, east: Double)

    /// Builds the tree over `(box, value)` entries; a value may appear with several boxes.
    public init(entries: [(box: BoundingBox, value: Int32)]) {
        var level = RTree.tile(entries.map { ($0.box, $0.value) })
        var boxes: [Double] = []
        var values: [Int32] = []
        boxes.reserveCapacity(entries.count * 5)
        for (box, value) in level {
            boxes += [box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude]
            values.append(value)
        }
        var childStart: [Int32] = []
        var childCount: [Int32] = []
        var levelStart = 0
        var levels = 1
        // Each pass groups the previous level, already in tile order, into parents, then tiles the parents
        // themselves: a parent keeps its (contiguous) range of children wherever the tiling moves it.
        while level.count > 1 {
            var parents: [(BoundingBox, Int32)] = []
            var ranges: [Int32: Int32] = [:]
            for groupStart in stride(from: 0, to: level.count, by: RTree.fanout) {
                let group = level[groupStart..<min(groupStart + RTree.fanout, level.count)]
                let box = group.dropFirst().reduce(group.first!.0) { $0.union($1.0) }
                parents.append((box, Int32(levelStart + groupStart)))
                ranges[Int32(levelStart + groupStart)] = Int32(group.count)
            }
            levelStart += level.count
            levels += 1
            level = RTree.tile(parents)
            for (box, start) in level {
                boxes += [box.minLongitude, box.minLatitude, box.maxLongitude, box.maxLatitude]
                childStart.append(start)
                childCount.append(ranges[start]!)
            }
        }
        self.boxes = boxes
        self.values = values
        self.entryCount = entries.count
        self.levels = levels
        self.childStart = childStart
        self.childCount = childCount
        let highest = entries.reduce(0.0) { max($0, abs($1.box.minLatitude), abs($1.box.maxLatitude)) }
        lowerBoundScale = (WGS84.metresPerDegree(atLatitude: 0).north, WGS84.metresPerDegree(atLatitude: highest).east)
    }

    /// Orders items so that consecutive runs of `fanout` are spatially compact: sort by longitude, cut into
    /// vertical slices, sort each slice by latitude.
    private static func tile(_ items: [(BoundingBox, Int32)]) -> [(BoundingBox, Int32)] {
        let pageCount = (items.count + fanout - 1) / fanout
        let sliceCount = Int(Double(pageCount).squareRoot().rounded(.up))
        let sliceSize = max(1, sliceCount) * fanout
        let byLongitude = items.sorted { $0.0.center.longitude < $1.0.center.longitude }
        var result: [(BoundingBox, Int32)] = []
        result.reserveCapacity(items.count)
        for sliceStart in stride(from: 0, to: byLongitude.count, by: sliceSize) {
            let slice = byLongitude[sliceStart..<min(sliceStart + sliceSize, byLongitude.count)]
            result += slice.sorted { $0.0.center.latitude < $1.0.center.latitude }
        }
        return result
    }

    /// Number of leaf entries.
    public var count: Int { entryCount }

    /// Calls `visit` with the value of every entry whose box intersects `query`, each box once.
    public func search(_ query: BoundingBox, _ visit: (Int32) -> Void) {
        guard let root = rootItem else { return }
        boxes.withUnsafeBufferPointer { b in
            func intersects(_ item: Int) -> Bool {
                let o = item * 4
                return b[o] <= query.maxLongitude && b[o + 2] >= query.minLongitude
                    && b[o + 1] <= query.maxLatitude && b[o + 3] >= query.minLatitude
            }
            guard intersects(root) else { return }
            if root < entryCount {
                visit(values[root])
                return
            }
            // Only nodes whose boxes intersect are stacked; children are tested while their parent is scanned.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: stackCapacity) { stack in
                stack[0] = Int32(root)
                var top = 1
                while top > 0 {
                    top -= 1
                    let node = Int(stack[top]) - entryCount
                    let start = Int(childStart[node])
                    for child in start..<(start + Int(childCount[node])) where intersects(child) {
                        if child < entryCount {
                            visit(values[child])
                        } else {
                            stack[top] = Int32(child)
                            top += 1
                        }
                    }
                }
            }
        }
    }

    /// The most items a depth-first walk stacks at once: at most a node's children per level. Sized to the
    /// tree, so that a small tree's walk stays on the machine stack (a temporary allocation past 1 KiB may go to
    /// the heap, which cost a query a malloc and a free).
    var stackCapacity: Int { levels * RTree.fanout + 1 }

    /// The root's item index, or `nil` for an empty tree.
    var rootItem: Int? { entryCount > 0 ? boxes.count / 4 - 1 : nil }

    func box(of item: Int) -> BoundingBox {
        let o = item * 4
        return BoundingBox(
            minLongitude: boxes[o], minLatitude: boxes[o + 1], maxLongitude: boxes[o + 2], maxLatitude: boxes[o + 3])
    }

    func value(of entry: Int) -> Int32 { values[entry] }

    func children(of item: Int) -> Range<Int> {
        let node = item - entryCount
        let start = Int(childStart[node])
        return start..<(start + Int(childCount[node]))
    }

    /// Every value whose box contains `point`.
    public func search(containing point: GeoPoint, _ visit: (Int32) -> Void) {
        search(BoundingBox(point: point), visit)
    }
}
