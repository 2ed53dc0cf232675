import Foundation
import Geo
import StrictJSON

/// The data of one payload message, drawn from the crowd model under the drone. The drone's own counting model
/// already holds back counts of 1 and 2 (they are written as 0), so that only a scripted `small_count_cell`
/// fault produces a count the gateway must suppress.
struct PayloadContent {
    /// Content faults applied to this message.
    struct Tampering {
        var smallCount: Int?
        var smuggledKey: String?
    }

    let crowd: CrowdModel
    let frame: LocalFrame
    static let threshold = 3

    func data(
        for stream: StreamSpec, drone: String, seq: Int, under point: PlanePoint, seconds: Double,
        tampering: Tampering, random: inout SeededRandom
    ) -> JSONObject {
        switch stream.product {
        case "crowd_density": density(stream, under: point, seconds: seconds, tampering: tampering, random: &random)
        case "crowd_flow": flow(stream, under: point, seconds: seconds, tampering: tampering, random: &random)
        case "crowd_count": count(stream, under: point, seconds: seconds, random: &random)
        case "route_estimate":
            ["line": .array(crowd.routeAhead(seconds: seconds).map(MessageBuilder.point)), "confidence": .number(0.8)]
        default: ["frame_ref": .string("urn:flowgate:frame:\(drone):\(stream.name):\(seq)")]
        }
    }

    /// A count drawn around the model's expectation, with counts below the threshold held back.
    func draw(_ expected: Double, random: inout SeededRandom) -> Int {
        let count = Int((expected * random.uniform(0.85...1.15)).rounded())
        return count < PayloadContent.threshold ? 0 : count
    }

    /// Centre of a grid cell, given the grid's north-west corner.
    func cellCentre(_ origin: PlanePoint, _ cell: Double, row: Int, col: Int) -> PlanePoint {
        PlanePoint(x: origin.x + (Double(col) + 0.5) * cell, y: origin.y - (Double(row) + 0.5) * cell)
    }

    func gridOrigin(_ stream: StreamSpec, under point: PlanePoint) -> PlanePoint {
        PlanePoint(
            x: point.x - Double(stream.cols) * stream.cellSize / 2,
            y: point.y + Double(stream.rows) * stream.cellSize / 2)
    }

    func gridHeader(_ stream: StreamSpec, origin: PlanePoint) -> JSONObject {
        [
            "origin": MessageBuilder.point(frame.unproject(origin)), "cell_m": MessageBuilder.whole(stream.cellSize),
            "rows": .number(stream.rows), "cols": .number(stream.cols),
        ]
    }

    func density(
        _ stream: StreamSpec, under point: PlanePoint, seconds: Double, tampering: Tampering,
        random: inout SeededRandom
    ) -> JSONObject {
        let origin = gridOrigin(stream, under: point)
        let area = stream.cellSize * stream.cellSize
        var counts: [Int] = []
        for row in 0..<stream.rows {
            for col in 0..<stream.cols {
                let centre = cellCentre(origin, stream.cellSize, row: row, col: col)
                counts.append(draw(crowd.density(at: centre, seconds: seconds) * area, random: &random))
            }
        }
        if let small = tampering.smallCount { counts[Int(random.next() % UInt64(counts.count))] = small }
        var data = gridHeader(stream, origin: origin)
        data["counts"] = .array(counts.map { .number($0) })
        return data
    }

    func flow(
        _ stream: StreamSpec, under point: PlanePoint, seconds: Double, tampering: Tampering,
        random: inout SeededRandom
    ) -> JSONObject {
        let origin = gridOrigin(stream, under: point)
        let area = stream.cellSize * stream.cellSize
        var cells: [JSONObject] = []
        for row in 0..<stream.rows {
            for col in 0..<stream.cols {
                let centre = cellCentre(origin, stream.cellSize, row: row, col: col)
                let count = draw(crowd.density(at: centre, seconds: seconds) * area, random: &random)
                guard count > 0 else { continue }
                let (direction, speed) = crowd.flow(at: centre)
                cells.append([
                    "row": .number(row), "col": .number(col),
                    "direction_deg": .number(min(MessageBuilder.round(direction + random.uniform(-8...8), 1), 360)),
                    "speed_mps": .number(MessageBuilder.round(speed * random.uniform(0.8...1.2), 2)),
                    "count": .number(count),
                ])
            }
        }
        if let small = tampering.smallCount {
            if cells.isEmpty { cells.append(emptyCell()) }
            cells[Int(random.next() % UInt64(cells.count))]["count"] = .number(small)
        }
        if let key = tampering.smuggledKey {
            if cells.isEmpty { cells.append(emptyCell()) }
            for index in cells.indices {
                cells[index][key] = .string(String(format: "T-%06x", Int(random.next() % 0x100_0000)))
            }
        }
        var data = gridHeader(stream, origin: origin)
        data["cells"] = .array(cells.map(JSONValue.object))
        return data
    }

    /// A cell for a fault to act on when the drone watches empty street.
    private func emptyCell() -> JSONObject {
        [
            "row": .number(0), "col": .number(0), "direction_deg": .number(0.0), "speed_mps": .number(1.0),
            "count": .number(5),
        ]
    }

    func count(_ stream: StreamSpec, under point: PlanePoint, seconds: Double, random: inout SeededRandom)
        -> JSONObject
    {
        let area = Double.pi * stream.radius * stream.radius
        let centre = frame.unproject(point)
        return [
            "area": .object([
                "lat": .number(MessageBuilder.round(centre.latitude, 7)),
                "lon": .number(MessageBuilder.round(centre.longitude, 7)),
                "radius_m": MessageBuilder.whole(stream.radius),
            ]),
            "count": .number(draw(crowd.density(at: point, seconds: seconds) * area, random: &random)),
        ]
    }
}
