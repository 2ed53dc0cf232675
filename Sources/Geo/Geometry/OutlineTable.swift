/// Every outline of a bundle laid flat for the query loop: all polygons' rings in one ``RingRun``, each
/// polygon (or part of a multipolygon) a plain record of its frame, its box and its rings, each circle two
/// numbers.
///
/// Asking a ``Shape`` copies it, and copying a polygon retains its arrays: over thousands of zones a query
/// spent a tenth of its time counting references. Here nothing is reference counted per zone, and a zone's
/// corners sit next to each other in memory. The answers are ``Shape``'s: both run the same ``EdgeScan`` over
/// the same points.
public struct OutlineTable: Sendable {
    /// One polygon, or one part of a multipolygon.
    struct Part {
        let frame: LocalFrame
        /// Outside it, the part cannot hold a point (see ``Polygon/toleranceBox``).
        let toleranceBox: BoundingBox
        /// Its rings in ``run``.
        let firstRing: Int32
        let endRing: Int32

        var rings: Range<Int> { Int(firstRing)..<Int(endRing) }
    }

    /// One shape: a run of parts, or a circle.
    enum Outline {
        case parts(first: Int32, end: Int32)
        case circle(Circle)
    }

    private let run: RingRun
    private let parts: [Part]
    private let outlines: [Outline]

    /// Lays out `shapes`; queries name a shape by its index here.
    public init(shapes: [Shape]) {
        var run = RingRun()
        var parts: [Part] = []
        var outlines: [Outline] = []
        outlines.reserveCapacity(shapes.count)
        for shape in shapes {
            let polygons: [Polygon]
            switch shape {
            case .circle(let circle):
                outlines.append(.circle(circle))
                continue
            case .polygon(let polygon): polygons = [polygon]
            case .multiPolygon(let all): polygons = all
            }
            let first = Int32(parts.count)
            for polygon in polygons {
                let firstRing = Int32(run.ringCount)
                run.append(polygon.run)
                parts.append(
                    Part(
                        frame: polygon.frame, toleranceBox: polygon.toleranceBox, firstRing: firstRing,
                        endRing: Int32(run.ringCount)))
            }
            outlines.append(.parts(first: first, end: Int32(parts.count)))
        }
        self.run = run
        self.parts = parts
        self.outlines = outlines
    }

    public var count: Int { outlines.count }

    /// Exactly `shapes[index].contains(p)`.
    public func contains(_ index: Int, _ p: GeoPoint) -> Bool {
        switch outlines[index] {
        case .circle(let circle): return circle.contains(p)
        case .parts(let first, let end):
            for i in Int(first)..<Int(end) {
                let part = parts[i]
                guard part.toleranceBox.contains(p) else { continue }
                let q = part.frame.project(p)
                let (parity, onEdge) = run.withScan(rings: part.rings) {
                    $0.crossingParity(q, tolerance: Shape.boundaryTolerance)
                }
                if parity || onEdge { return true }
            }
            return false
        }
    }

    /// Exactly `shapes[index].locate(p)`.
    public func locate(_ index: Int, _ p: GeoPoint) -> ShapeLocation {
        switch outlines[index] {
        case .circle(let circle): return circle.locate(p)
        case .parts(let first, let end):
            var result = ShapeLocation(isInside: false, distanceToBoundary: .infinity)
            for i in Int(first)..<Int(end) {
                let part = parts[i]
                let q = part.frame.project(p)
                let found = run.withScan(rings: part.rings) { $0.locate(q) }
                let location = EdgeScan.location(
                    of: q, parity: found.parity, nearest: found.nearest, squaredDistance: found.squaredDistance,
                    frame: part.frame)
                result.isInside = result.isInside || location.isInside
                result.distanceToBoundary = min(result.distanceToBoundary, location.distanceToBoundary)
            }
            return result
        }
    }
}
