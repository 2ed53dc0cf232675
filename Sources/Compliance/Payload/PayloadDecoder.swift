import Foundation
import Geo
public import StrictJSON

/// Decodes native payload v1, as strictly as telemetry: the size is limited before parsing, the envelope's
/// fields are typed and ranged, the drone and stream must be the topic's. The product's own schema is decoded
/// by `decodeData(_:product:)`, the sensor's by `decodeSensor(_:)`, which the inspector calls.
///
/// Unknown members are not dropped silently here: the inspector reports them (`undefined_field`), so the
/// decoder only reads what it knows.
public struct PayloadDecoder: Sendable {
    public var maximumBytes: Int

    /// The most persons one grid cell may count, as a flow cell: far above any crowd (a 10 m cell holds about
    /// 600 at the densest), and low enough that a grid's total (at most 100 000 cells) cannot overflow.
    static let largestCellCount = 1_000_000

    /// Deep enough for every schema (a flow cell sits at depth 4) with room to find what is smuggled below.
    static let maximumDepth = 16

    public init(maximumBytes: Int = PayloadPolicy().maximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// The message as a JSON object, or why it is not one.
    public func parse(_ payload: some Collection<UInt8>) throws(Rejection) -> JSONObject {
        try Fields.openEnvelope(payload, maximumBytes: maximumBytes, maximumDepth: Self.maximumDepth)
    }

    /// The envelope: version, drone and stream (which must be the topic's), mission, seq, time and product.
    public func decodeEnvelope(_ object: JSONObject, topicDrone: String, topicStream: String) throws(Rejection)
        -> PayloadEnvelope
    {
        let fields = Fields(object: object, path: "")
        try fields.requireVersion1()
        let drone = try fields.drone(matching: topicDrone)
        let stream = try fields.identifier("stream")
        guard stream == topicStream else {
            // The same code as for the drone: schemas.md fixes the rejection codes, and either is spoofing.
            throw Rejection(
                .droneMismatch, field: "stream", problem: "the payload names another stream than the topic")
        }
        let mission = try fields.identifier("mission")
        let seq = try fields.integer("seq", in: 0...9_007_199_254_740_991)
        let time = try fields.time("time")
        let productText = try fields.string("product")
        let product =
            PayloadProduct(rawValue: productText) != nil || PayloadProduct.identificationProducts.contains(productText)
            ? productText : PayloadEnvelope.unknownProduct
        return PayloadEnvelope(
            drone: drone, mission: mission, stream: stream, seq: UInt64(seq), time: time, product: product)
    }

    /// The sensor's geometry; its `kind` is `nil` when it is not an allowed kind (the inspector says why).
    func decodeSensor(_ fields: Fields) throws(Rejection) -> SensorGeometry {
        let kind = SensorKind(rawValue: try fields.string("kind"))
        return SensorGeometry(
            kind: kind,
            horizontalFieldOfView: try fields.number("hfov_deg", above: 0, below: 180),
            verticalFieldOfView: try fields.optionalNumber("vfov_deg", above: 0, below: 180),
            imageWidth: try fields.integer("image_width_px", in: 1...100_000),
            zoom: try fields.number("zoom", in: 1...1_000),
            slantRange: try fields.optionalNumber("slant_range_m", above: 0, below: 1_000_000),
            depression: try fields.optionalNumber("depression_deg", in: 0...90))
    }

    /// The `data` of an allowed product, by the product's schema.
    func decodeData(_ fields: Fields, product: PayloadProduct) throws(Rejection) -> ProductData {
        switch product {
        case .crowdCount:
            let area = try fields.object("area")
            return .crowdCount(
                centre: try point(area), radius: try area.number("radius_m", above: 0, below: 100_000),
                count: try fields.integer("count", in: 0...100_000_000))
        case .crowdDensity:
            let grid = try grid(fields)
            let items = try fields.array("counts", count: grid.rows * grid.columns...grid.rows * grid.columns)
            var counts: [Int] = []
            counts.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard let number = item.doubleValue, let count = Int(exactly: number),
                    (0...Self.largestCellCount).contains(count)
                else {
                    throw Rejection(
                        .invalidField, field: "\(fields.path("counts"))[\(index)]",
                        problem: "expected a whole number from 0 to \(Self.largestCellCount)")
                }
                counts.append(count)
            }
            return .crowdDensity(grid, counts: counts)
        case .crowdFlow:
            let grid = try grid(fields)
            let items = try fields.array("cells", count: 0...grid.rows * grid.columns)
            var cells: [FlowCell] = []
            var seen = Set<Int>()
            for index in items.indices {
                let cell = try fields.element("cells", index, of: items)
                let flow = FlowCell(
                    row: try cell.integer("row", in: 0...Double(grid.rows - 1)),
                    column: try cell.integer("col", in: 0...Double(grid.columns - 1)),
                    direction: try cell.number("direction_deg", in: 0...360),
                    speed: try cell.number("speed_mps", in: 0...50),
                    count: try cell.integer("count", in: 0...Double(Self.largestCellCount))
                )
                guard seen.insert(flow.row * grid.columns + flow.column).inserted else {
                    throw Rejection(.invalidField, field: cell.path, problem: "a cell may appear only once")
                }
                cells.append(flow)
            }
            return .crowdFlow(grid, cells: cells)
        case .routeEstimate:
            let items = try fields.array("line", count: 2...1_000)
            var line: [GeoPoint] = []
            for index in items.indices { line.append(try point(try fields.element("line", index, of: items))) }
            return .routeEstimate(line: line, confidence: try fields.optionalNumber("confidence", in: 0...1))
        case .imagery:
            return try imagery(fields)
        }
    }

    func imagery(_ fields: Fields) throws(Rejection) -> ProductData {
        switch (fields.object["frame_ref"], fields.object["clip_ref"]) {
        case (.some, nil):
            guard fields.object["duration_s"] == nil else {
                throw Rejection(.invalidField, field: fields.path("duration_s"), problem: "belongs to a clip only")
            }
            return .frame(reference: try fields.string("frame_ref"))
        case (nil, .some):
            return .clip(
                reference: try fields.string("clip_ref"),
                duration: try fields.optionalNumber("duration_s", above: 0, below: 86_400))
        default:
            throw Rejection(
                .invalidField, field: fields.path("frame_ref"), problem: "give exactly one of frame_ref and clip_ref")
        }
    }

    func grid(_ fields: Fields) throws(Rejection) -> CellGrid {
        let grid = CellGrid(
            origin: try point(try fields.object("origin")),
            cellSize: try fields.number("cell_m", above: 0, below: 100_000),
            rows: try fields.integer("rows", in: 1...1_000), columns: try fields.integer("cols", in: 1...1_000))
        guard grid.rows * grid.columns <= 100_000 else {
            throw Rejection(.invalidField, field: fields.path("rows"), problem: "rows * cols may not exceed 100000")
        }
        return grid
    }

    func point(_ fields: Fields) throws(Rejection) -> GeoPoint {
        GeoPoint(latitude: try fields.number("lat", in: -90...90), longitude: try fields.number("lon", in: -180...180))
    }
}
