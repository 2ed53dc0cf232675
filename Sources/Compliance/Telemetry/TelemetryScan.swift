import Foundation
import Geo
import StrictJSON

/// The fast path of ``TelemetryDecoder``: native telemetry read straight from its bytes, without a tree.
///
/// It accepts only messages that are plainly valid: the known members (each once, in any order), values of the
/// right type and range, strings in printable ASCII without escapes. For anything else (an unknown member, an
/// escape, a null, any error) it answers `nil` and the decoder parses the message into a tree, so every
/// rejection and its message still come from one place. What it accepts decodes to the same fix as the tree.
enum TelemetryScan {
    /// The members seen, one bit each, to refuse duplicates as the parser does.
    private struct Seen {
        var bits: UInt16 = 0

        mutating func first(_ bit: UInt16) -> Bool {
            defer { bits |= bit }
            return bits & bit == 0
        }
    }

    static func fix(in bytes: UnsafeBufferPointer<UInt8>, topicDrone: String) -> TelemetryFix? {
        var scanner = JSONScanner(bytes)
        var seen = Seen()
        var drone: String?, mission: String?, seq: UInt64?, time: Date?, battery: Double?
        var position: Position?
        var velocity: TelemetryFix.Velocity?
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "v") {
                guard seen.first(1), scanner.number()?.double == 1 else { return nil }
            } else if JSONScanner.matches(key, "drone") {
                guard seen.first(2), let id = identifier(&scanner), id == topicDrone else { return nil }
                drone = id
            } else if JSONScanner.matches(key, "mission") {
                guard seen.first(4), let id = identifier(&scanner) else { return nil }
                mission = id
            } else if JSONScanner.matches(key, "seq") {
                guard seen.first(8), let value = number(&scanner, in: 0...9_007_199_254_740_991),
                    let whole = UInt64(exactly: value)
                else { return nil }
                seq = whole
            } else if JSONScanner.matches(key, "time") {
                guard seen.first(16), let text = scanner.asciiString(),
                    let date = try? RFC3339.parse(String(decoding: text, as: UTF8.self))
                else { return nil }
                time = date
            } else if JSONScanner.matches(key, "position") {
                guard seen.first(32), let value = Position(&scanner) else { return nil }
                position = value
            } else if JSONScanner.matches(key, "velocity") {
                guard seen.first(64), let value = Self.velocity(&scanner) else { return nil }
                velocity = value
            } else if JSONScanner.matches(key, "battery_pct") {
                guard seen.first(128), let value = number(&scanner, in: 0...100) else { return nil }
                battery = value
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), scanner.atEnd(), seen.bits & 63 == 63, let drone, let mission,
            let seq, let time, let position
        else { return nil }
        return TelemetryFix(
            drone: drone, mission: mission, seq: seq, time: time,
            position: GeoPoint(latitude: position.lat, longitude: position.lon), altitude: position.altitude,
            altitudeReference: position.reference, velocity: velocity, batteryPercent: battery)
    }

    private struct Position {
        var lat = 0.0, lon = 0.0, altitude = 0.0
        var reference = AltitudeReference.agl

        init?(_ scanner: inout JSONScanner) {
            var seen = Seen()
            guard scanner.take(UInt8(ascii: "{")) else { return nil }
            repeat {
                guard let key = scanner.key() else { return nil }
                if JSONScanner.matches(key, "lat") {
                    guard seen.first(1), let value = number(&scanner, in: -90...90) else { return nil }
                    lat = value
                } else if JSONScanner.matches(key, "lon") {
                    guard seen.first(2), let value = number(&scanner, in: -180...180) else { return nil }
                    lon = value
                } else if JSONScanner.matches(key, "alt_m") {
                    guard seen.first(4), let value = number(&scanner, in: -1_000...100_000) else { return nil }
                    altitude = value
                } else if JSONScanner.matches(key, "alt_ref") {
                    guard seen.first(8), let text = scanner.asciiString(),
                        let value = AltitudeReference(rawValue: String(decoding: text, as: UTF8.self))
                    else { return nil }
                    reference = value
                } else {
                    return nil
                }
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")), seen.bits == 15 else { return nil }
        }
    }

    private static func velocity(_ scanner: inout JSONScanner) -> TelemetryFix.Velocity? {
        var velocity = TelemetryFix.Velocity(groundSpeed: nil, track: nil, verticalSpeed: nil)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        if scanner.take(UInt8(ascii: "}")) { return velocity }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "ground_speed_mps") {
                guard velocity.groundSpeed == nil, let value = number(&scanner, in: 0...300) else { return nil }
                velocity.groundSpeed = value
            } else if JSONScanner.matches(key, "track_deg") {
                guard velocity.track == nil, let value = number(&scanner, in: 0...360) else { return nil }
                velocity.track = value
            } else if JSONScanner.matches(key, "vertical_speed_mps") {
                guard velocity.verticalSpeed == nil, let value = number(&scanner, in: -200...200) else { return nil }
                velocity.verticalSpeed = value
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        return scanner.take(UInt8(ascii: "}")) ? velocity : nil
    }

    private static func number(_ scanner: inout JSONScanner, in range: ClosedRange<Double>) -> Double? {
        guard let value = scanner.number()?.double, range.contains(value) else { return nil }
        return value
    }

    /// A drone or mission id by the rule of ``Fields/identifier(_:)``.
    private static func identifier(_ scanner: inout JSONScanner) -> String? {
        guard let text = scanner.asciiString(), Fields.isIdentifier(text) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }
}
