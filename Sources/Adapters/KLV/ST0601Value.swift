import Compliance

/// How ST 0601 maps its integer encodings onto real ranges, for the tags flowgate reads.
enum ST0601Value {
    /// An unsigned integer of `bytes` bytes mapped linearly onto `lower ... upper`.
    case unsigned(bytes: Int, lower: Double, upper: Double)
    /// A signed integer of `bytes` bytes mapped onto `-half ... half`; the most negative value is the
    /// standard's "out of range" indicator and reads as absent.
    case signed(bytes: Int, half: Double)

    var byteCount: Int {
        switch self {
        case .unsigned(let bytes, _, _), .signed(let bytes, _): bytes
        }
    }

    /// - Returns: the value, or `nil` for the out-of-range indicator.
    func decode(_ raw: ArraySlice<UInt8>, tag: Int) throws(Rejection) -> Double? {
        guard raw.count == byteCount else {
            throw Rejection(
                .invalidField, field: "tag \(tag)", problem: "expected \(byteCount) bytes, found \(raw.count)")
        }
        let bits = Double(byteCount * 8)
        switch self {
        case .unsigned(_, let lower, let upper):
            return lower + Double(raw.bigEndianUnsigned) * (upper - lower) / (pow2(bits) - 1)
        case .signed(_, let half):
            let value = raw.bigEndianSigned
            if Double(value) == -pow2(bits - 1) { return nil }
            return Double(value) * half / (pow2(bits - 1) - 1)
        }
    }

    private func pow2(_ exponent: Double) -> Double { (0..<Int(exponent)).reduce(1.0) { value, _ in value * 2 } }
}

/// The ST 0601 tags flowgate reads, their encodings, and which tags it refuses or blocks.
enum ST0601Tag {
    static let precisionTimeStamp = 2
    static let sensorLatitude = 13, sensorLongitude = 14, sensorTrueAltitude = 15
    static let horizontalFOV = 16, verticalFOV = 17
    static let slantRange = 21, targetWidth = 22
    static let frameCentreLatitude = 23, frameCentreLongitude = 24, frameCentreElevation = 25
    static let vmtiLocalSet = 74, targetID = 129

    static let encodings: [Int: ST0601Value] = [
        sensorLatitude: .signed(bytes: 4, half: 90), sensorLongitude: .signed(bytes: 4, half: 180),
        sensorTrueAltitude: .unsigned(bytes: 2, lower: -900, upper: 19_000),
        horizontalFOV: .unsigned(bytes: 2, lower: 0, upper: 180),
        verticalFOV: .unsigned(bytes: 2, lower: 0, upper: 180),
        slantRange: .unsigned(bytes: 4, lower: 0, upper: 5_000_000),
        targetWidth: .unsigned(bytes: 2, lower: 0, upper: 10_000),
        frameCentreLatitude: .signed(bytes: 4, half: 90), frameCentreLongitude: .signed(bytes: 4, half: 180),
        frameCentreElevation: .unsigned(bytes: 2, lower: -900, upper: 19_000),
    ]

    /// Tags that carry identification-grade data about people: the VMTI local set (ST 0903: tracks and image
    /// chips of moving targets) and the target id. A packet holding one is blocked whole.
    static let identification: Set<Int> = [vmtiLocalSet, targetID]

    /// ST 0601.17 defines tags 1 to 143; anything else is not understood and refused.
    static let defined = 1...143
}
