import Foundation
import Geo
import StrictJSON

/// The fast path of ``PositionQuery/init(line:)``: a query read straight from its bytes, without a tree.
///
/// It accepts only lines that are plainly valid: the seven members once each, in any order, values of the right
/// type and range, strings in printable ASCII without escapes. For anything else it answers `nil`, and the line
/// is parsed into a tree and read by ``PositionQuery/init(json:)``, so that every error and its wording come
/// from one place. What it accepts reads to the same query as the tree (the scanner's numbers are the parser's).
enum PositionQueryScan {
    /// The members seen, one bit each: a duplicate is the parser's to refuse.
    private struct Seen {
        var bits: UInt8 = 0

        mutating func first(_ bit: UInt8) -> Bool {
            defer { bits |= bit }
            return bits & bit == 0
        }

        var all: Bool { bits == 0x7F }
    }

    static func query(in bytes: UnsafeBufferPointer<UInt8>) -> PositionQuery? {
        var scanner = JSONScanner(bytes)
        var seen = Seen()
        var drone = "", mission = "", lat = 0.0, lon = 0.0, altitude = 0.0
        var reference = AltitudeReference.agl
        var time = Date(timeIntervalSince1970: 0)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "drone") {
                guard seen.first(1), let id = identifier(&scanner) else { return nil }
                drone = id
            } else if JSONScanner.matches(key, "mission") {
                guard seen.first(2), let id = identifier(&scanner) else { return nil }
                mission = id
            } else if JSONScanner.matches(key, "lat") {
                guard seen.first(4), let value = scanner.number()?.double else { return nil }
                lat = value
            } else if JSONScanner.matches(key, "lon") {
                guard seen.first(8), let value = scanner.number()?.double else { return nil }
                lon = value
            } else if JSONScanner.matches(key, "alt_m") {
                guard seen.first(16), let value = scanner.number()?.double, (-1_000...100_000).contains(value)
                else { return nil }
                altitude = value
            } else if JSONScanner.matches(key, "alt_ref") {
                guard seen.first(32), let text = scanner.asciiString(),
                    let value = AltitudeReference(rawValue: String(decoding: text, as: UTF8.self))
                else { return nil }
                reference = value
            } else if JSONScanner.matches(key, "time") {
                guard seen.first(64), let text = scanner.asciiString(),
                    let instant = try? RFC3339.parse(String(decoding: text, as: UTF8.self))
                else { return nil }
                time = instant
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), scanner.atEnd(), seen.all,
            let position = try? GeoPoint.validated(latitude: lat, longitude: lon)
        else { return nil }
        return PositionQuery(
            drone: drone, mission: mission, position: position, altitude: altitude, altitudeReference: reference,
            time: time)
    }

    /// A drone or mission id: printable ASCII with at least one character that is not a space (the tree's
    /// "must not be empty or blank"; the other white space is not printable, and so never gets here).
    private static func identifier(_ scanner: inout JSONScanner) -> String? {
        guard let text = scanner.asciiString(), text.contains(where: { $0 != UInt8(ascii: " ") }) else {
            return nil
        }
        return String(decoding: text, as: UTF8.self)
    }
}
