import Geo
import StrictJSON

extension PayloadScan {
    /// The members of a message's `data`, read for every product the scan knows at once: `data` may come before
    /// `product`, and reading it once is cheaper than skipping it and coming back. ``decoded(as:)`` then
    /// accepts the members only if they are exactly the product's, by the rules of
    /// ``PayloadDecoder/decodeData(_:product:)``.
    struct DataMembers {
        private var seen = Seen()
        private var origin = GeoPoint(latitude: 0, longitude: 0)
        private var cellSize = 0.0
        private var rows = 0
        private var columns = 0
        private var counts: [Int] = []
        private var cells: [FlowCell] = []
        private var area = (centre: GeoPoint(latitude: 0, longitude: 0), radius: 0.0)
        private var count = 0
        private var line: [GeoPoint] = []
        private var confidence: Double?

        /// The members' bits, and which ones each product must and may have (its schema in ``PayloadSchema``).
        private enum Member {
            static let origin: UInt16 = 1, cellSize: UInt16 = 2, rows: UInt16 = 4, columns: UInt16 = 8
            static let counts: UInt16 = 16, cells: UInt16 = 32, area: UInt16 = 64, count: UInt16 = 128
            static let line: UInt16 = 256, confidence: UInt16 = 512
            static let grid = origin | cellSize | rows | columns
        }

        init?(_ scanner: inout JSONScanner) {
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = scanner.key(), read(key, &scanner) else { return nil }
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
        }

        /// Reads one member's value: the checks that need no other member are made here, the others in
        /// ``decoded(as:)``.
        private mutating func read(_ key: UnsafeBufferPointer<UInt8>, _ scanner: inout JSONScanner) -> Bool {
            if JSONScanner.matches(key, "origin") {
                guard seen.first(Member.origin), let point = PayloadScan.point(&scanner) else { return false }
                origin = point
            } else if JSONScanner.matches(key, "cell_m") {
                guard seen.first(Member.cellSize), let value = number(&scanner, above: 0, below: 100_000) else {
                    return false
                }
                cellSize = value
            } else if JSONScanner.matches(key, "rows") {
                guard seen.first(Member.rows), let value = integer(&scanner, in: 1...1_000) else { return false }
                rows = value
            } else if JSONScanner.matches(key, "cols") {
                guard seen.first(Member.columns), let value = integer(&scanner, in: 1...1_000) else { return false }
                columns = value
            } else if JSONScanner.matches(key, "counts") {
                guard seen.first(Member.counts), let values = Self.counts(&scanner, expected: rows * columns) else {
                    return false
                }
                counts = values
            } else if JSONScanner.matches(key, "cells") {
                guard seen.first(Member.cells), let values = Self.cells(&scanner) else { return false }
                cells = values
            } else if JSONScanner.matches(key, "area") {
                guard seen.first(Member.area), let value = Self.area(&scanner) else { return false }
                area = value
            } else if JSONScanner.matches(key, "count") {
                guard seen.first(Member.count), let value = integer(&scanner, in: 0...100_000_000) else { return false }
                count = value
            } else if JSONScanner.matches(key, "line") {
                guard seen.first(Member.line), let points = Self.line(&scanner) else { return false }
                line = points
            } else if JSONScanner.matches(key, "confidence") {
                guard seen.first(Member.confidence), let value = number(&scanner, in: 0...1) else { return false }
                confidence = value
            } else {
                return false
            }
            return true
        }

        /// The product's data, or `nil` when the members are not exactly its own or break a rule that joins them
        /// (the grid's size, the counts' number, the cells' places).
        func decoded(as product: PayloadProduct) -> ProductData? {
            switch product {
            case .crowdCount:
                guard seen.bits == Member.area | Member.count else { return nil }
                return .crowdCount(centre: area.centre, radius: area.radius, count: count)
            case .crowdDensity:
                guard seen.bits == Member.grid | Member.counts, let grid, counts.count == grid.rows * grid.columns
                else { return nil }
                return .crowdDensity(grid, counts: counts)
            case .crowdFlow:
                guard seen.bits == Member.grid | Member.cells, let grid, cells.count <= grid.rows * grid.columns else {
                    return nil
                }
                // Each cell inside the grid, and only once: a bit per cell of the grid (at most 12.5 KiB).
                var taken = [UInt64](repeating: 0, count: (grid.rows * grid.columns + 63) / 64)
                for cell in cells {
                    guard cell.row < grid.rows, cell.column < grid.columns else { return nil }
                    let index = cell.row * grid.columns + cell.column
                    let bit: UInt64 = 1 << (index % 64)
                    guard taken[index / 64] & bit == 0 else { return nil }
                    taken[index / 64] |= bit
                }
                return .crowdFlow(grid, cells: cells)
            case .routeEstimate:
                guard seen.bits & ~Member.confidence == Member.line else { return nil }
                return .routeEstimate(line: line, confidence: confidence)
            case .imagery:
                return nil
            }
        }

        /// The grid, when its members are all given and its size is within the limit.
        private var grid: CellGrid? {
            guard seen.has(Member.grid), rows * columns <= 100_000 else { return nil }
            return CellGrid(origin: origin, cellSize: cellSize, rows: rows, columns: columns)
        }

        /// A density grid's counts: whole numbers of 0 to ``PayloadDecoder/largestCellCount``. `expected` (0 when the grid comes later) only
        /// sizes the buffer, never beyond what the bytes left can hold (a count and a comma take two).
        private static func counts(_ scanner: inout JSONScanner, expected: Int) -> [Int]? {
            let room = min(expected, (scanner.bytes.count - scanner.index) / 2 + 1)
            guard let counts = scanner.integers(reservingCapacity: room),
                !counts.contains(where: { $0 < 0 || $0 > PayloadDecoder.largestCellCount })
            else { return nil }
            return counts
        }

        /// A flow grid's cells, each with its five members; whether they lie inside the grid is checked later.
        private static func cells(_ scanner: inout JSONScanner) -> [FlowCell]? {
            guard scanner.take(UInt8(ascii: "[")) else { return nil }
            var cells: [FlowCell] = []
            if scanner.take(UInt8(ascii: "]")) { return cells }
            repeat {
                guard let cell = Self.cell(&scanner) else { return nil }
                cells.append(cell)
            } while scanner.take(UInt8(ascii: ","))
            return scanner.take(UInt8(ascii: "]")) ? cells : nil
        }

        private static func cell(_ scanner: inout JSONScanner) -> FlowCell? {
            var seen = Seen()
            var cell = FlowCell(row: 0, column: 0, direction: 0, speed: 0, count: 0)
            // Each member is looked for first where the previous one left off: a grid has hundreds of cells,
            // nearly always with their members in the same order, and each is then found at the first try.
            var next = 0
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let member = (0..<5).lazy.map({ (next + $0) % 5 }).first(where: { scanner.key(cellKey($0)) }),
                    seen.first(1 << member)
                else { return nil }
                switch member {
                case 0:
                    // At most 999 (rows is at most 1,000): the grid itself may come later.
                    guard let value = integer(&scanner, in: 0...999) else { return nil }
                    cell.row = value
                case 1:
                    guard let value = integer(&scanner, in: 0...999) else { return nil }
                    cell.column = value
                case 2:
                    guard let value = number(&scanner, in: 0...360) else { return nil }
                    cell.direction = value
                case 3:
                    guard let value = number(&scanner, in: 0...50) else { return nil }
                    cell.speed = value
                default:
                    guard let value = integer(&scanner, in: 0...Double(PayloadDecoder.largestCellCount)) else {
                        return nil
                    }
                    cell.count = value
                }
                next = member + 1
            } while scanner.take(UInt8(ascii: ","))
            return scanner.take(UInt8(ascii: "}")) && seen.bits == 31 ? cell : nil
        }

        /// A flow cell's members, in the order the normalised message writes them.
        private static func cellKey(_ member: Int) -> StaticString {
            switch member {
            case 0: "row"
            case 1: "col"
            case 2: "direction_deg"
            case 3: "speed_mps"
            default: "count"
            }
        }

        /// A crowd count's area: a centre and a radius.
        private static func area(_ scanner: inout JSONScanner) -> (centre: GeoPoint, radius: Double)? {
            var seen = Seen()
            var lat = 0.0, lon = 0.0, radius = 0.0
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = scanner.key() else { return nil }
                if JSONScanner.matches(key, "lat") {
                    guard seen.first(1), let value = number(&scanner, in: -90...90) else { return nil }
                    lat = value
                } else if JSONScanner.matches(key, "lon") {
                    guard seen.first(2), let value = number(&scanner, in: -180...180) else { return nil }
                    lon = value
                } else if JSONScanner.matches(key, "radius_m") {
                    guard seen.first(4), let value = number(&scanner, above: 0, below: 100_000) else { return nil }
                    radius = value
                } else {
                    return nil
                }
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")), seen.bits == 7 else { return nil }
            return (GeoPoint(latitude: lat, longitude: lon), radius)
        }

        /// A route's line: 2 to 1,000 points.
        private static func line(_ scanner: inout JSONScanner) -> [GeoPoint]? {
            guard scanner.take(UInt8(ascii: "[")) else { return nil }
            var points: [GeoPoint] = []
            repeat {
                guard let point = PayloadScan.point(&scanner) else { return nil }
                points.append(point)
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "]")), (2...1_000).contains(points.count) else { return nil }
            return points
        }
    }

    /// A point: `lat` and `lon`, and nothing else.
    static func point(_ scanner: inout JSONScanner) -> GeoPoint? {
        var seen = Seen()
        var point = GeoPoint(latitude: 0, longitude: 0)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "lat") {
                guard seen.first(1), let value = number(&scanner, in: -90...90) else { return nil }
                point.latitude = value
            } else if JSONScanner.matches(key, "lon") {
                guard seen.first(2), let value = number(&scanner, in: -180...180) else { return nil }
                point.longitude = value
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "}")) && seen.bits == 3 ? point : nil
    }
}
