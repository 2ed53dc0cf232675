public import Airspace
import Foundation
import Geo
import StrictJSON

/// What the ED-269 and ED-318 targets share: the import with and without a site datum (which decides whether
/// floors and ceilings in different references are compared), and the GeoJSON written from what it imported.
public enum FuzzZoneImport {
    /// The demo site's datum: ground 34 m AMSL, geoid 39.6 m.
    static let datum = VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6)

    public static func run(_ bytes: [UInt8], format: ZoneSourceFormat) {
        let data = Data(bytes)
        for datum in [nil, datum] {
            guard let result = try? ZoneImport.read(data, format: format, file: "fuzz", datum: datum) else { continue }
            _ = JSONWriter.bytes(ZoneGeoJSON.featureCollection(result.zones, source: "fuzz"))
        }
    }
}
