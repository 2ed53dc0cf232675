import Compliance
import Foundation
import StrictJSON

/// Payload messages for tests: the PRODUCT.md example and its parts, changed one member at a time.
enum Payload {
    static let topicDrone = "D7"
    static let topicStream = "cam0"

    static let camera: JSONObject = [
        "kind": "eo_camera", "hfov_deg": .number(62.0), "image_width_px": .number(1920), "zoom": .number(1.0),
        "slant_range_m": .number(110.0),
    ]

    static let origin: JSONValue = .object(["lat": .number(52.5160), "lon": .number(13.3770)])

    static func density(cell: Double = 10, counts: [Int] = [0, 14, 31, 7, 0, 52], rows: Int = 2, cols: Int = 3)
        -> JSONObject
    {
        [
            "origin": origin, "cell_m": .number(cell), "rows": .number(rows), "cols": .number(cols),
            "counts": .array(counts.map { .number($0) }),
        ]
    }

    static func flowCell(_ row: Int, _ col: Int, count: Int) -> JSONValue {
        .object([
            "row": .number(row), "col": .number(col), "direction_deg": .number(87.0), "speed_mps": .number(1.2),
            "count": .number(count),
        ])
    }

    static func flow(_ cells: [JSONValue], rows: Int = 2, cols: Int = 3) -> JSONObject {
        ["origin": origin, "cell_m": .number(10), "rows": .number(rows), "cols": .number(cols), "cells": .array(cells)]
    }

    static func message(_ product: String, data: JSONObject, sensor: JSONObject? = nil) -> JSONObject {
        var object: JSONObject = [
            "v": .number(1), "drone": "D7", "mission": "M-0412", "stream": "cam0", "seq": .number(77),
            "time": "2026-11-28T14:03:22.300Z", "product": .string(product),
        ]
        if let sensor { object["sensor"] = .object(sensor) }
        object["data"] = .object(data)
        return object
    }

    static func inspect(
        _ object: JSONObject, policy: PayloadPolicy = PayloadPolicy(), height: Double? = 60
    ) -> PayloadJudgement {
        inspect(bytes(object), policy: policy, height: height)
    }

    static func inspect(_ payload: [UInt8], policy: PayloadPolicy = PayloadPolicy(), height: Double? = 60)
        -> PayloadJudgement
    {
        PayloadInspector(policy: policy).inspect(
            payload, topicDrone: topicDrone, topicStream: topicStream, heightAboveGround: height)
    }
}

extension JSONValue {
    /// Every key at any depth, and every string.
    var allText: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.flatMap(\.allText)
        case .object(let object): object.members.flatMap { [$0.key] + $0.value.allText }
        case .null, .bool, .number: []
        }
    }
}
