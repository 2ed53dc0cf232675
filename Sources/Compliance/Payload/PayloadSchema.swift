/// The members each part of a payload message may have, for deep inspection: every key at any depth that
/// its schema does not define is an `undefined_field`.
indirect enum PayloadSchema: Sendable {
    /// A number, string or boolean: nothing may be nested in it.
    case value
    /// An object with exactly these members (each optional here; the decoder says which are required).
    case object([String: PayloadSchema])
    /// An array whose items all follow one schema.
    case array(PayloadSchema)
    /// Content whose schema flowgate does not know (an identification or unknown product): it is blocked
    /// anyway, so only identifying keys and blobs are looked for.
    case unknown

    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    static let point: PayloadSchema = .object(["lat": .value, "lon": .value])

    static let sensor: PayloadSchema = .object([
        "kind": .value, "hfov_deg": .value, "vfov_deg": .value, "image_width_px": .value, "zoom": .value,
        "slant_range_m": .value, "depression_deg": .value,
    ])

    static func grid(_ members: [String: PayloadSchema]) -> PayloadSchema {
        .object(
            members.merging(["origin": point, "cell_m": .value, "rows": .value, "cols": .value]) { own, _ in own })
    }

    static func data(_ product: PayloadProduct?) -> PayloadSchema {
        switch product {
        case .crowdCount:
            .object(["area": .object(["lat": .value, "lon": .value, "radius_m": .value]), "count": .value])
        case .crowdDensity: grid(["counts": .array(.value)])
        case .crowdFlow:
            grid([
                "cells": .array(
                    .object([
                        "row": .value, "col": .value, "direction_deg": .value, "speed_mps": .value, "count": .value,
                    ]))
            ])
        case .routeEstimate: .object(["line": .array(point), "confidence": .value])
        case .imagery: .object(["frame_ref": .value, "clip_ref": .value, "duration_s": .value])
        case nil: .unknown
        }
    }

    /// The whole message of a product (`nil`: not an allowed product), made once per product.
    static func message(_ product: PayloadProduct?) -> PayloadSchema {
        product.map { messages[$0] ?? build($0) } ?? unknownMessage
    }

    private static let messages = Dictionary(uniqueKeysWithValues: PayloadProduct.allCases.map { ($0, build($0)) })
    private static let unknownMessage = build(nil)

    private static func build(_ product: PayloadProduct?) -> PayloadSchema {
        .object([
            "v": .value, "drone": .value, "mission": .value, "stream": .value, "seq": .value, "time": .value,
            "product": .value, "sensor": sensor, "data": data(product),
        ])
    }
}
