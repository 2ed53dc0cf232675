import Foundation
import Geo
import Testing

@Suite("Self-intersection by sweep agrees with the pairwise check")
struct RingSweepTests {
    /// The pairwise check as `Ring.firstSelfIntersection` does it, written out here as the reference.
    static func pairwise(_ p: [PlanePoint]) -> (Int, Int)? {
        func orientation(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Double {
            let value = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
            return abs(value) < 1e-12 ? 0 : value
        }
        func onSegment(_ a: PlanePoint, _ b: PlanePoint, _ q: PlanePoint) -> Bool {
            q.x >= min(a.x, b.x) && q.x <= max(a.x, b.x) && q.y >= min(a.y, b.y) && q.y <= max(a.y, b.y)
        }
        func intersect(_ p1: PlanePoint, _ p2: PlanePoint, _ q1: PlanePoint, _ q2: PlanePoint) -> Bool {
            let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
            let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
            if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
            return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
                || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
        }
        let n = p.count
        for i in 0..<n {
            let a1 = p[i], a2 = p[(i + 1) % n], next = p[(i + 2) % n]
            let dot = (a1.x - a2.x) * (next.x - a2.x) + (a1.y - a2.y) * (next.y - a2.y)
            if orientation(a1, a2, next) == 0, dot > 0 { return (i, (i + 1) % n) }
            for j in stride(from: i + 2, to: n, by: 1) {
                if i == 0 && j == n - 1 { continue }
                if intersect(a1, a2, p[j], p[(j + 1) % n]) { return (i, j) }
            }
        }
        return nil
    }

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random rings: scattered, star-shaped, and on a coarse grid (touching and collinear edges)")
    func agrees() {
        var rng = Generator(state: 7)
        for round in 0..<3_000 {
            let n = Int.random(in: 3...40, using: &rng)
            var ring: [PlanePoint] = []
            for k in 0..<n {
                switch round % 3 {
                case 0:
                    ring.append(PlanePoint(x: .random(in: 0...100, using: &rng), y: .random(in: 0...100, using: &rng)))
                case 1:
                    let angle = 2 * Double.pi * Double(k) / Double(n), radius = Double.random(in: 50...100, using: &rng)
                    ring.append(PlanePoint(x: radius * cos(angle), y: radius * sin(angle)))
                default:
                    ring.append(
                        PlanePoint(
                            x: Double(Int.random(in: 0...4, using: &rng)), y: Double(Int.random(in: 0...4, using: &rng))
                        ))
                }
            }
            let expected = Self.pairwise(ring)
            let found = RingSweep.firstSelfIntersection(ring)
            #expect(found?.0 == expected?.0 && found?.1 == expected?.1, "ring \(round): \(ring)")
        }
    }

    @Test("a bow tie crosses at edges 0 and 2; a square does not")
    func examples() {
        let bowTie = [PlanePoint(x: 0, y: 0), PlanePoint(x: 1, y: 1), PlanePoint(x: 1, y: 0), PlanePoint(x: 0, y: 1)]
        #expect(RingSweep.firstSelfIntersection(bowTie).map { [$0.0, $0.1] } == [0, 2])
        let square = [PlanePoint(x: 0, y: 0), PlanePoint(x: 1, y: 0), PlanePoint(x: 1, y: 1), PlanePoint(x: 0, y: 1)]
        #expect(RingSweep.firstSelfIntersection(square) == nil)
    }
}
