import Geo
import StrictJSON

/// The normalised message written member by member, in the order and with the text of ``message(_:)``'s tree:
/// the gateway writes one for every payload it forwards.
extension PayloadNormaliser {
    static func bytes(_ forward: PayloadForward) -> [UInt8] {
        let envelope = forward.envelope
        var out = JSONObjectWriter(capacity: capacity(forward.data))
        out.member("v", integer: 1)
        out.member("drone", string: envelope.drone)
        out.member("mission", string: envelope.mission)
        out.member("stream", string: envelope.stream)
        out.member("seq", integer: Int(envelope.seq))
        out.member("time", string: RFC3339.format(envelope.time))
        out.member("product", string: envelope.product)
        if let sensor = forward.sensor, let kind = sensor.kind {
            out.member("sensor") { write(sensor, kind: kind, into: &$0) }
        }
        let hidden = suppressedMask(forward.suppressed, data: forward.data)
        out.member("data") { write(forward.data, hidden: hidden, suppressed: forward.suppressed, into: &$0) }
        return out.finish()
    }

    /// Room for a typical message of the product, so that the buffer rarely regrows.
    private static func capacity(_ data: ProductData) -> Int {
        switch data {
        case .crowdDensity(_, let counts): 384 + 4 * counts.count
        case .crowdFlow(_, let cells): 384 + 64 * cells.count
        case .routeEstimate(let line, _): 384 + 48 * line.count
        default: 512
        }
    }

    private static func write(
        _ data: ProductData, hidden: [Bool]?, suppressed: [Int], into out: inout JSONObjectWriter
    ) {
        switch data {
        case .crowdCount(let centre, let radius, let count):
            let isHidden = hidden?[0] == true
            out.member("area") { area in
                area.member("lat", number: centre.latitude)
                area.member("lon", number: centre.longitude)
                area.member("radius_m", number: radius)
            }
            out.member("count", integerOrNull: isHidden ? nil : count)
            out.member("suppressed_cells", integer: isHidden ? 1 : 0)
        case .crowdDensity(let grid, let counts):
            write(grid, into: &out)
            out.memberArray("counts") { $0.integers(counts, nullWhere: hidden) }
            marks(suppressed, into: &out)
        case .crowdFlow(let grid, let flows):
            write(grid, into: &out)
            out.memberArray("cells") { array in
                for cell in flows {
                    array.object { item in
                        item.member("row", integer: cell.row)
                        item.member("col", integer: cell.column)
                        if hidden?[cell.row * grid.columns + cell.column] == true {
                            item.memberNull("count")
                        } else {
                            item.member("direction_deg", number: cell.direction)
                            item.member("speed_mps", number: cell.speed)
                            item.member("count", integer: cell.count)
                        }
                    }
                }
            }
            marks(suppressed, into: &out)
        case .routeEstimate(let line, let confidence):
            out.memberArray("line") { array in
                for point in line {
                    array.object { write(point, into: &$0) }
                }
            }
            if let confidence { out.member("confidence", number: confidence) }
        case .frame(let reference):
            out.member("frame_ref", string: reference)
        case .clip(let reference, let duration):
            out.member("clip_ref", string: reference)
            if let duration { out.member("duration_s", number: duration) }
        }
    }

    private static func marks(_ suppressed: [Int], into out: inout JSONObjectWriter) {
        out.memberArray("suppressed") { array in
            for index in suppressed { array.integer(index) }
        }
        out.member("suppressed_cells", integer: suppressed.count)
    }

    private static func write(_ point: GeoPoint, into out: inout JSONObjectWriter) {
        out.member("lat", number: point.latitude)
        out.member("lon", number: point.longitude)
    }

    private static func write(_ grid: CellGrid, into out: inout JSONObjectWriter) {
        out.member("origin") { write(grid.origin, into: &$0) }
        out.member("cell_m", number: grid.cellSize)
        out.member("rows", integer: grid.rows)
        out.member("cols", integer: grid.columns)
    }

    private static func write(_ sensor: SensorGeometry, kind: SensorKind, into out: inout JSONObjectWriter) {
        out.member("kind", string: kind.rawValue)
        out.member("hfov_deg", number: sensor.horizontalFieldOfView)
        if let vfov = sensor.verticalFieldOfView { out.member("vfov_deg", number: vfov) }
        out.member("image_width_px", integer: sensor.imageWidth)
        out.member("zoom", number: sensor.zoom)
        if let slant = sensor.slantRange { out.member("slant_range_m", number: slant) }
        if let depression = sensor.depression { out.member("depression_deg", number: depression) }
    }
}
