public import Airspace
public import Foundation
public import Geo
import StrictJSON

/// A national-scale ED-318 data set like the one Switzerland publishes, generated from a seed: circles and
/// star-shaped polygons of up to ``maximumVertices`` corners over the country, two-layer GeometryCollections,
/// schedules written with UTC offsets and fractional seconds, and the awkward cases real files hold: a
/// duplicate identifier whose twin is skipped, a duplicate whose twin is kept, a self-intersecting ring in a
/// restrictive zone and one in a skipped zone.
///
/// Alongside the file it gives, feature by feature, what an import must make of it, worked out from how the
/// feature was generated (each schedule is drawn in UTC first, then written in local time).
public struct SyntheticED318: Sendable {
    public var zoneCount: Int
    public var seed: UInt64
    /// The most corners a polygon gets; the mean is about a third of it.
    public var maximumVertices: Int

    /// Switzerland's bounding box.
    static let west = 5.96, east = 10.49, south = 45.82, north = 47.80

    public init(zoneCount: Int = 1_200, seed: UInt64 = 318, maximumVertices: Int = 2_000) {
        self.zoneCount = zoneCount
        self.seed = seed
        self.maximumVertices = maximumVertices
    }

    /// What the import must make of one feature.
    public struct Expectation: Sendable {
        public var identifier: String
        public var position: String
        public var action: ImportedZoneAction
        /// The flowgate zone ids, in order (none when skipped).
        public var zoneIDs: [String]
        public var renamedTo: String?
        /// Whether the outline is invalid, and so repaired when kept.
        public var invalidRing: Bool
        /// Each volume's band.
        public var bands: [AltitudeBand]
        /// Circle radius, metres (circles only).
        public var radius: Double?
        /// The corners as written (polygons only; the first polygon for a collection).
        public var corners: [GeoPoint]
        /// A point well inside the outline.
        public var inside: GeoPoint
        /// When the zone applies, as UTC spans `[start, end)` in seconds from Monday 00:00 (may run past the
        /// week's end); empty = always.
        public var weeklySpans: [Range<Int>]
        /// Whether a schedule time carries a non-zero offset or a fraction.
        public var convertedTimes: Bool
    }

    /// The file, laid out as the Swiss authority lays out its own, and what each feature must become.
    public func generate() -> (json: Data, expectations: [Expectation]) {
        var rng = SplitMix64(seed: seed)
        var features: [JSONValue] = []
        var expectations: [Expectation] = []
        // Fixed places for the special cases, so that a test can name them.
        let specials = SyntheticED318.specialIndices(zoneCount)
        for index in 0..<zoneCount {
            var builder = FeatureBuilder(index: index, rng: rng, maximumVertices: maximumVertices)
            let special = specials[index]
            let (feature, expectation) = builder.build(special: special, earlier: expectations)
            rng = builder.rng
            features.append(feature)
            expectations.append(expectation)
        }
        let metadata: JSONObject = [
            "validFrom": "2025-03-30T00:00:00+01:00", "issued": "2025-03-13T13:58:00.000+01:00",
            "provider": .array([.object(["text": "Synthetic FOCA", "lang": "en-GB"])]),
        ]
        let root: JSONObject = [
            "type": "FeatureCollection", "name": "Synthetic national UAS geozones (ED-318)",
            "metadata": .object(metadata), "features": .array(features),
        ]
        return (Data(ED318Layout.text(.object(root)).utf8), expectations)
    }

    /// The special cases: a duplicate skipped twin, a duplicate kept twin, an invalid ring kept, one skipped.
    public enum Special: Sendable, Equatable {
        case skippedTwin, keptTwin, invalidRing, invalidRingSkipped
    }

    public static func specialIndices(_ count: Int) -> [Int: Special] {
        guard count >= 8 else { return [:] }
        return [
            count / 3: .skippedTwin, count / 2: .keptTwin, count * 2 / 3: .invalidRing,
            count * 2 / 3 + 2: .invalidRingSkipped,
        ]
    }
}
