import Geo
public import StrictJSON

/// What is published for a forwarded or redacted payload message, with the numbers the audit records.
public struct PayloadForward: Sendable, Equatable {
    /// Cells in the product: rows * cols for a density grid, the listed cells for a flow grid, 1 for a count,
    /// 0 for a route or imagery.
    public var cells: Int
    /// The sum of the forwarded counts (suppressed ones excluded); `nil` for a product without counts.
    public var totalCount: Int?
    /// How many cells had their count suppressed.
    public var suppressedCells: Int
    /// The decoded values the message is rebuilt from, and the cells suppressed (row-major indices).
    let envelope: PayloadEnvelope
    let sensor: SensorGeometry?
    let data: ProductData
    let suppressed: [Int]

    /// The normalised message's text: rebuilt from the decoded values only, so nothing flowgate did not
    /// understand passes. Suppressed counts are `null`, and the product's data lists them (see
    /// `Docs/REASON_CODES.md`, "Payload rules"). Written straight into bytes: building a tree first cost more than
    /// judging the payload.
    public var bytes: [UInt8] { PayloadNormaliser.bytes(self) }

    /// ``bytes`` read back as a tree, for readers (replay, tests); the gateway publishes the bytes.
    public var message: JSONObject {
        // The writer's own output is valid JSON: parsing it cannot fail.
        (try? JSONParser.parse(bytes).objectValue) ?? [:]
    }
}

/// Builds the normalised message of a decoded payload.
enum PayloadNormaliser {
    static func forward(
        _ envelope: PayloadEnvelope, sensor: SensorGeometry?, data: ProductData, suppressed: [Int]
    ) -> PayloadForward {
        let hidden = suppressedMask(suppressed, data: data)
        var cells = 0
        var total: Int?
        switch data {
        case .crowdCount(_, _, let count):
            (cells, total) = (1, hidden?[0] == true ? 0 : count)
        case .crowdDensity(_, let counts):
            cells = counts.count
            var sum = 0
            for index in counts.indices where hidden?[index] != true { sum += counts[index] }
            total = sum
        case .crowdFlow(let grid, let flows):
            var sum = 0
            for cell in flows where hidden?[cell.row * grid.columns + cell.column] != true { sum += cell.count }
            (cells, total) = (flows.count, sum)
        case .routeEstimate, .frame, .clip:
            break
        }
        return PayloadForward(
            cells: cells, totalCount: total, suppressedCells: suppressed.count, envelope: envelope, sensor: sensor,
            data: data, suppressed: suppressed)
    }

    /// Which cells are suppressed, by row-major index; `nil` when none is (the usual case: no set to hash into).
    static func suppressedMask(_ suppressed: [Int], data: ProductData) -> [Bool]? {
        guard !suppressed.isEmpty else { return nil }
        let size: Int
        switch data {
        case .crowdDensity(_, let counts): size = counts.count
        case .crowdFlow(let grid, _): size = grid.rows * grid.columns
        default: size = 1
        }
        var mask = [Bool](repeating: false, count: max(size, (suppressed.max() ?? 0) + 1))
        for index in suppressed where index >= 0 { mask[index] = true }
        return mask
    }

    /// The message as a tree.
    static func message(_ forward: PayloadForward) -> JSONObject {
        let envelope = forward.envelope
        let suppressed = forward.suppressed
        var message: JSONObject = [
            "v": .number(1), "drone": .string(envelope.drone), "mission": .string(envelope.mission),
            "stream": .string(envelope.stream), "seq": .number(Int(envelope.seq)),
            "time": .string(RFC3339.format(envelope.time)), "product": .string(envelope.product),
        ]
        if let sensor = forward.sensor, let kind = sensor.kind { message["sensor"] = .object(json(sensor, kind: kind)) }
        let suppressedSet = Set(suppressed)
        let marks: [(String, JSONValue)] = [
            ("suppressed", .array(suppressed.map { .number($0) })), ("suppressed_cells", .number(suppressed.count)),
        ]
        var object: JSONObject
        switch forward.data {
        case .crowdCount(let centre, let radius, let count):
            let hidden = suppressedSet.contains(0)
            object = [
                "area": .object([
                    "lat": .number(centre.latitude), "lon": .number(centre.longitude), "radius_m": .number(radius),
                ]),
                "count": hidden ? .null : .number(count),
            ]
            object["suppressed_cells"] = .number(hidden ? 1 : 0)
        case .crowdDensity(let grid, let counts):
            object = json(grid)
            object["counts"] = .array(counts.indices.map { suppressedSet.contains($0) ? .null : .number(counts[$0]) })
            for (key, value) in marks { object[key] = value }
        case .crowdFlow(let grid, let flows):
            object = json(grid)
            object["cells"] = .array(
                flows.map { cell in
                    var item: JSONObject = ["row": .number(cell.row), "col": .number(cell.column)]
                    if suppressedSet.contains(cell.row * grid.columns + cell.column) {
                        item["count"] = .null
                    } else {
                        item["direction_deg"] = .number(cell.direction)
                        item["speed_mps"] = .number(cell.speed)
                        item["count"] = .number(cell.count)
                    }
                    return .object(item)
                })
            for (key, value) in marks { object[key] = value }
        case .routeEstimate(let line, let confidence):
            object = ["line": .array(line.map { .object(json($0)) })]
            if let confidence { object["confidence"] = .number(confidence) }
        case .frame(let reference):
            object = ["frame_ref": .string(reference)]
        case .clip(let reference, let duration):
            object = ["clip_ref": .string(reference)]
            if let duration { object["duration_s"] = .number(duration) }
        }
        message["data"] = .object(object)
        return message
    }

    static func json(_ point: GeoPoint) -> JSONObject {
        ["lat": .number(point.latitude), "lon": .number(point.longitude)]
    }

    static func json(_ grid: CellGrid) -> JSONObject {
        [
            "origin": .object(json(grid.origin)), "cell_m": .number(grid.cellSize), "rows": .number(grid.rows),
            "cols": .number(grid.columns),
        ]
    }

    static func json(_ sensor: SensorGeometry, kind: SensorKind) -> JSONObject {
        var object: JSONObject = [
            "kind": .string(kind.rawValue), "hfov_deg": .number(sensor.horizontalFieldOfView),
        ]
        if let vfov = sensor.verticalFieldOfView { object["vfov_deg"] = .number(vfov) }
        object["image_width_px"] = .number(sensor.imageWidth)
        object["zoom"] = .number(sensor.zoom)
        if let slant = sensor.slantRange { object["slant_range_m"] = .number(slant) }
        if let depression = sensor.depression { object["depression_deg"] = .number(depression) }
        return object
    }
}
