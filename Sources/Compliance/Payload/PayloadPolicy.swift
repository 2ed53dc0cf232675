/// The limits of the crowd-flow purpose that the payload rules enforce. Build one with
/// ``validated(maximumBytes:minimumCellSize:suppressionThreshold:pixelDensityCeiling:minimumDepression:allowedProducts:allowedSensorKinds:)``
/// from configuration: it refuses values that would switch a protection off.
public struct PayloadPolicy: Sendable, Hashable {
    /// Largest payload message accepted, bytes; checked before parsing.
    public var maximumBytes: Int = 64 * 1024
    /// Smallest grid cell, metres (`min_cell_m`).
    public var minimumCellSize: Double = 10
    /// `k`: counts from 1 to k-1 are suppressed.
    public var suppressionThreshold: Int = 3
    /// Highest ground pixel density allowed, pixels per metre.
    public var pixelDensityCeiling: Double = 80
    /// A camera looking less far below the horizon than this, degrees, has no bounded range without a slant range.
    public var minimumDepression: Double = 20
    public var allowedProducts: Set<PayloadProduct> = Set(PayloadProduct.allCases)
    public var allowedSensorKinds: Set<SensorKind> = Set(SensorKind.allCases)
    /// The grammar of imagery's frame and clip references.
    public var mediaReferences = MediaReferencePolicy()

    /// The highest ceiling any configuration may set: IEC 62676-4 "Perceive" (125 px/m), where recognition of
    /// persons begins.
    public static let highestPixelDensityCeiling = 125.0

    /// The defaults: 64 KiB, 10 m cells, k = 3, 80 px/m (IEC 62676-4 "Discern"), 20° depression.
    public init() {}

    /// A policy from configured values, checked.
    /// - Throws: ``PayloadPolicyError`` naming the setting, its value and why it is refused.
    public static func validated(
        maximumBytes: Int = 64 * 1024, minimumCellSize: Double = 10, suppressionThreshold: Int = 3,
        pixelDensityCeiling: Double = 80, minimumDepression: Double = 20,
        allowedProducts: Set<PayloadProduct> = Set(PayloadProduct.allCases),
        allowedSensorKinds: Set<SensorKind> = Set(SensorKind.allCases)
    ) throws(PayloadPolicyError) -> PayloadPolicy {
        func refuse(_ setting: String, _ value: String, _ problem: String) -> PayloadPolicyError {
            PayloadPolicyError(setting: setting, value: value, problem: problem)
        }
        guard maximumBytes > 0 else {
            throw refuse("max_payload_bytes", "\(maximumBytes)", "must be a positive number of bytes")
        }
        guard minimumCellSize.isFinite, minimumCellSize > 0 else {
            throw refuse("min_cell_m", "\(minimumCellSize)", "must be a positive number of metres")
        }
        guard suppressionThreshold >= 1 else {
            throw refuse("k", "\(suppressionThreshold)", "must be at least 1 (1 suppresses nothing)")
        }
        guard pixelDensityCeiling.isFinite, pixelDensityCeiling > 0 else {
            throw refuse("pixel_density_ceiling", "\(pixelDensityCeiling)", "must be a positive number of px/m")
        }
        guard pixelDensityCeiling <= highestPixelDensityCeiling else {
            throw refuse(
                "pixel_density_ceiling", "\(pixelDensityCeiling)",
                "may not exceed 125 px/m: IEC 62676-4 'Perceive', where recognition of persons begins")
        }
        guard minimumDepression.isFinite, (0...90).contains(minimumDepression) else {
            throw refuse("min_depression_deg", "\(minimumDepression)", "must be between 0 and 90 degrees")
        }
        var policy = PayloadPolicy()
        policy.maximumBytes = maximumBytes
        policy.minimumCellSize = minimumCellSize
        policy.suppressionThreshold = suppressionThreshold
        policy.pixelDensityCeiling = pixelDensityCeiling
        policy.minimumDepression = minimumDepression
        policy.allowedProducts = allowedProducts
        policy.allowedSensorKinds = allowedSensorKinds
        return policy
    }
}

/// A refused payload policy setting.
public struct PayloadPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var setting: String
    public var value: String
    public var problem: String

    public var description: String { "\(setting) = \(value): \(problem)" }
}
