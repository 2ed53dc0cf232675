public import Airspace
public import Compliance
public import Foundation
import Geo
public import Pipeline
public import StrictJSON

/// A site and configuration for the adapter tests: one operation area around Pariser Platz, 30-120 m AGL
/// (ground 34 m AMSL, geoid 39.6 m), mission M-1 authorised 12:00-16:00Z on 2026-11-28 for a native drone, a
/// DJI aircraft, a MAVLink drone (the sample's `drone7`), a Remote ID drone and a KLV drone.
public enum AdapterSite {
    public static let noon = Date(timeIntervalSince1970: 1_795_870_800)  // 2026-11-28T13:00:00Z
    public static let (native, dji, mavlink, remoteID, klvDrone) = ("D1", "1581F5BKD225D00A", "drone7", "RID1", "K1")
    public static let drones = [native, dji, mavlink, remoteID, klvDrone]
    public static let dock = "7CTDM4100B8S1Q"

    public static func airspace() throws -> AirspaceIndex {
        let (lat, lon, half) = (52.5163, 13.3777, 0.005)
        let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map {
            GeoPoint(latitude: lat + $0.1 * half, longitude: lon + $0.0 * half)
        }
        let area = Zone(
            id: "OA-1", name: "Test area", kind: .operationArea, shape: .polygon(try Polygon(rings: [ring])),
            band: AltitudeBand(
                floor: AltitudeLimit(value: 30, reference: .agl), ceiling: AltitudeLimit(value: 120, reference: .agl)),
            missions: ["M-1"])
        let authorisation = Authorisation(
            id: "AUTH-1", mission: "M-1", drones: drones, operationAreas: ["OA-1"],
            validFrom: noon.addingTimeInterval(-3600), validUntil: noon.addingTimeInterval(3 * 3600),
            authority: "Test", legalReference: "Test", justification: "Adapter tests.")
        let site = SiteSettings(name: "Test", datum: VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6))
        return AirspaceIndex(bundle: SiteBundle(site: site, zones: [area], authorisations: [authorisation]))
    }

    public static var adapters: AdapterSettings {
        var settings = AdapterSettings()
        settings.missions = Dictionary(uniqueKeysWithValues: drones.dropFirst().map { ($0, "M-1") })
        settings.djiCloudAPI = .init(gateways: [dock: dji])
        settings.mavlinkJSON = .init(prefix: try! TopicPattern("mavlink/{drone}"))
        settings.remoteID = .init(topic: try! TopicPattern("rid/{drone}/state"))
        settings.misbKLV = .init(topic: try! TopicPattern("klv/{drone}/{stream}"), imageWidth: 1920)
        return settings
    }

    public static func replay(_ policy: (inout CompliancePolicy) -> Void = { _ in }) throws -> Replay {
        var telemetryPolicy = CompliancePolicy()
        policy(&telemetryPolicy)
        return Replay(engine: ComplianceEngine(airspace: try airspace(), policy: telemetryPolicy), adapters: adapters)
    }

    // MARK: - Messages

    public static func bytes(_ object: JSONObject) -> [UInt8] { Array(JSONWriter.write(.object(object)).utf8) }

    public static func milliseconds(_ time: Date) -> Int { Int((time.timeIntervalSince1970 * 1000).rounded()) }

    /// A DJI aircraft osd at `time`, 80 m AGL (153.6 m above the ellipsoid), with one camera payload object.
    public static func djiOSD(at time: Date, latitude: Double = 52.5163, camera: JSONObject? = nil) -> [UInt8] {
        var data: JSONObject = [
            "latitude": .number(latitude), "longitude": .number(13.3777), "height": .number(153.6),
            "elevation": .number(80), "horizontal_speed": .number(3.5), "vertical_speed": .number(0.2),
            "attitude_head": .number(-90), "battery": .object(["capacity_percent": .number(77)]),
            "mode_code": .number(3),
        ]
        if let camera { data["52-0-0"] = .object(camera) }
        return bytes([
            "tid": "t-1", "bid": "b-1", "timestamp": .number(milliseconds(time)), "gateway": .string(dock),
            "data": .object(data),
        ])
    }

    public static func remoteIDState(at time: Date) -> [UInt8] {
        bytes([
            "timestamp": .object(["value": .string(RFC3339.format(time)), "format": "RFC3339"]),
            "operational_status": "Airborne",
            "position": .object([
                "lat": .number(52.5165), "lng": .number(13.3780), "alt": .number(153.6), "accuracy_h": "HA3m",
                "extrapolated": .bool(false), "height": .object(["distance": .number(80), "reference": "GroundLevel"]),
            ]),
            "track": .number(361), "speed": .number(4.5), "vertical_speed": .number(63),
        ])
    }

    public static func nativeFix(_ drone: String, seq: Int, at time: Date) -> [UInt8] {
        bytes([
            "v": .number(1), "drone": .string(drone), "mission": "M-1", "seq": .number(seq),
            "time": .string(RFC3339.format(time)),
            "position": .object([
                "lat": .number(52.5163), "lon": .number(13.3777), "alt_m": .number(80), "alt_ref": "AGL",
            ]),
        ])
    }

    /// A native imagery frame whose sensor gives neither slant range nor depression.
    public static func imagery(_ drone: String, seq: Int, at time: Date) -> [UInt8] {
        bytes([
            "v": .number(1), "drone": .string(drone), "mission": "M-1", "stream": "cam0", "seq": .number(seq),
            "time": .string(RFC3339.format(time)), "product": "imagery",
            "sensor": .object([
                "kind": "eo_camera", "hfov_deg": .number(82), "image_width_px": .number(1920), "zoom": .number(1),
            ]),
            "data": .object(["frame_ref": "urn:frame:000017"]),
        ])
    }

    // MARK: - KLV

    public static let universalKey: [UInt8] = [
        0x06, 0x0E, 0x2B, 0x34, 0x02, 0x0B, 0x01, 0x01, 0x0E, 0x01, 0x03, 0x01, 0x01, 0x00, 0x00, 0x00,
    ]

    /// An ST 0601 packet of `items` (tag, value) with a correct checksum: the 16-bit running sum of every
    /// byte from the key through the checksum's tag and length, even offsets high.
    public static func klvPacket(_ items: [(Int, [UInt8])]) -> [UInt8] {
        var body: [UInt8] = []
        for (tag, value) in items { body += [UInt8(tag), UInt8(value.count)] + value }
        body += [0x01, 0x02]
        var packet = universalKey + [UInt8(body.count + 2)] + body
        var sum: UInt16 = 0
        for (offset, byte) in packet.enumerated() { sum &+= UInt16(byte) << (offset % 2 == 0 ? 8 : 0) }
        packet += [UInt8(sum >> 8), UInt8(sum & 0xFF)]
        return packet
    }

    /// uint16 `value` mapped over `range` as ST 0601 encodes it.
    public static func mapped16(_ value: Double, over range: ClosedRange<Double>) -> [UInt8] {
        let raw = UInt16(((value - range.lowerBound) / (range.upperBound - range.lowerBound) * 65_535).rounded())
        return [UInt8(raw >> 8), UInt8(raw & 0xFF)]
    }

    /// uint32 slant range in metres over 0 ... 5,000,000.
    public static func slantRange(_ metres: Double) -> [UInt8] {
        let raw = UInt32((metres / 5_000_000 * 4_294_967_295).rounded())
        return [UInt8(raw >> 24), UInt8((raw >> 16) & 0xFF), UInt8((raw >> 8) & 0xFF), UInt8(raw & 0xFF)]
    }

    /// Sensor geometry: horizontal field of view and slant range.
    public static func klvSensor(hfov: Double, range: Double) -> [UInt8] {
        klvPacket([(16, mapped16(hfov, over: 0...180)), (21, slantRange(range))])
    }
}
