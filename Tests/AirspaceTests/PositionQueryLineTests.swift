import Foundation
import StrictJSON
import Testing

@testable import Airspace

/// A query line read from its bytes must give what the tree gives: the same query, or the same error.
@Suite("Query lines read from their bytes")
struct PositionQueryLineTests {
    static let members = [
        ("drone", #""D1""#), ("mission", #""M-0412""#), ("lat", "52.5152"), ("lon", "13.36"), ("alt_m", "75"),
        ("alt_ref", #""AGL""#), ("time", #""2026-11-28T13:00:00Z""#),
    ]

    /// Values for each member: plain ones the scanner reads, and every kind the tree must judge.
    static let values: [String: [String]] = [
        "drone": [
            #""D2""#, #""""#, #""   ""#, #"" D1 ""#, #""\t""#, #""D\u0031""#, #""Ü""#, "null", "1", #"["D1"]"#,
            "\"a\u{a0}\"", "\"\u{a0}\"",
        ],
        "mission": [#""M-1""#, #""""#, #""  ""#, "null", "true", "{}"],
        "lat": [
            "-90", "90", "-0", "0", "-0.0", "52.5152e0", "5.25152E1", "1e400", "-1e400", #""52.5""#, "null",
            "52.51520000000000000001", "525152e-4", "1e-400", "00", "01", "-", "52.", ".5", "NaN", "91", "-90.0001",
        ],
        "lon": ["-181", "180", "-180", "181", "13.36e0", "1e308", #""13""#, "179.99999999999999999"],
        "alt_m": [
            "-1000", "100000", "100001", "-1000.5", "1e5", "1e5000", "75.0", #""75""#, "-0", "100000.0000000000001",
        ],
        "alt_ref": [#""AMSL""#, #""WGS84""#, #""agl""#, #""AGL ""#, "null", "1", #""A\u0047L""#],
        "time": [
            #""2026-11-28T14:00:00+01:00""#, #""2026-11-28T13:00:00.123456789Z""#,
            #""2026-11-28T13:00:00.1234567890Z""#, #""2026-11-28T13:00:00""#, #""2026-02-30T13:00:00Z""#,
            #""2026-11-28t13:00:00z""#, #""0000-01-01T00:00:00Z""#, #""9999-12-31T23:59:59.999Z""#, "null",
        ],
    ]

    static func line(_ members: [(String, String)], space: String = "") -> String {
        "{" + members.map { "\(space)\"\($0.0)\"\(space):\(space)\($0.1)\(space)" }.joined(separator: ",") + "}"
    }

    /// Every member set to each of its values, members missing, extra and repeated, reordered, spaced, and
    /// lines that are not a query object at all.
    static let lines: [String] = {
        var lines = [line(members), line(members, space: " "), line(members, space: "\t"), line(members.reversed())]
        for (index, member) in members.enumerated() {
            for value in values[member.0] ?? [] {
                var changed = members
                changed[index].1 = value
                lines.append(line(changed))
            }
            lines.append(line(members.filter { $0.0 != member.0 }))
            lines.append(line(members + [member]))
        }
        lines += [
            line(members + [("speed", "12")]), line(members + [("x_note", #""hi""#)]),
            line([(#"dr\u006fne"#, #""D1""#)] + members.dropFirst()), line(members) + " x", line(members) + " ",
            "\u{feff}" + line(members), "[1, 2]", #""D1""#, "", "{}", "{", "null", String(line(members).dropLast()),
        ]
        return lines
    }()

    static func treeRead(_ text: String) -> Result<PositionQuery, QueryLineError> {
        do throws(QueryLineError) {
            let json: JSONValue
            do {
                json = try JSONParser.parse(text)
            } catch {
                throw QueryLineError(field: nil, problem: "malformed JSON: \(error)")
            }
            return .success(try PositionQuery(json: json))
        } catch {
            return .failure(error)
        }
    }

    static func byteRead(_ text: String) -> Result<PositionQuery, QueryLineError> {
        var text = text
        return text.withUTF8 { bytes in
            do throws(QueryLineError) {
                return .success(try PositionQuery(line: bytes))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test("the same query or the same error as the tree", arguments: lines)
    func sameAsTree(line: String) {
        #expect(Self.byteRead(line) == Self.treeRead(line))
    }

    @Test("plain lines are read without the tree; anything else is left to it")
    func fastPathTaken() {
        for line in Self.lines {
            var text = line
            let scanned = text.withUTF8 { PositionQueryScan.query(in: $0) }
            if let scanned {
                #expect(Self.treeRead(line) == .success(scanned), "\(line)")
            }
        }
        var plain = Self.line(Self.members, space: " ")
        #expect(plain.withUTF8 { PositionQueryScan.query(in: $0) } != nil)
        var escaped = Self.line([("drone", #""D\u0031""#)] + Self.members.dropFirst())
        #expect(escaped.withUTF8 { PositionQueryScan.query(in: $0) } == nil)
    }

    @Test("invalid UTF-8 is read as U+FFFD, as readLine read it")
    func invalidUTF8() throws {
        let bytes = Array(#"{"drone":""#.utf8) + [0xFF, 0xFE] + Array(Self.line(Self.members).utf8.dropFirst(12))
        let query = try bytes.withUnsafeBufferPointer { buffer throws(QueryLineError) in
            try PositionQuery(line: buffer)
        }
        #expect(query.drone == "\u{FFFD}\u{FFFD}")
    }
}
