import AirspaceFixtures
import PropertyBased
import Testing

@testable import StrictJSON

/// The scanner's shortcuts read what the parser reads: ``JSONScanner/integers(reservingCapacity:)`` the same
/// values for an array of numbers with whole values and nothing for anything else (a fraction, a value beyond
/// `Int`, bad JSON); ``JSONScanner/number()`` the same value and integer-ness for a plain number as for any other;
/// ``JSONScanner/key(_:)`` a member name exactly as ``JSONScanner/key()`` does.
@Suite("JSONScanner: shortcuts agree with the parser")
struct JSONScannerFastPathTests {
    /// The scanner's answer, and the parser's: the array's values when every element is a number with a whole
    /// value that fits an `Int`.
    func answers(_ text: String) -> (scanner: [Int]?, parser: [Int]?) {
        let bytes = Array(text.utf8)
        let scanned = bytes.withUnsafeBufferPointer { buffer -> [Int]? in
            var scanner = JSONScanner(buffer)
            guard let values = scanner.integers(), scanner.atEnd() else { return nil }
            return values
        }
        let items = (try? JSONParser.parse(bytes))?.arrayValue
        let parsed = items?.map { $0.doubleValue.flatMap { Int(exactly: $0) } }
        return (scanned, parsed?.contains(nil) == false ? parsed?.compactMap { $0 } : nil)
    }

    @Test(
        "spellings and edges",
        arguments: [
            "[]", "[ ]", "[0]", "[0,1,22,333]", " [ 1 , 2 ] ", "[3.0,3e0,30e-1,0.3E1,-0,-7]", "[01]", "[1.]", "[.5]",
            "[1.5]", "[-]", "[+1]", "[1e400]", "[999999999999999]", "[9999999999999999]", "[1000000000000000]",
            "[9223372036854775807]", "[9223372036854775808]", "[-9223372036854775808]", "[1,]", "[,1]", "[1 2]",
            "[1", "[null]", "[\"1\"]", "[[1]]", "{}", "[0e0]", "[0E+5]", "[00]", "[0x1]", "[1,NaN]",
            "[123456789012345,1234567890123456]",
        ]
    )
    func edges(_ text: String) {
        let (scanner, parser) = answers(text)
        #expect(scanner == parser, "\(text)")
    }

    @Test("random arrays of numbers in random spellings")
    func random() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var rng = SplitMix64(seed: seed)
            let elements = (0..<Int.random(in: 0...20, using: &rng)).map { _ -> String in
                let digits = String(
                    UInt64.random(in: 0...UInt64.max, using: &rng) >> UInt64.random(in: 0...63, using: &rng))
                let spellings = [
                    digits, "-" + digits, digits + ".0", digits + "e1", digits + ".5", "0" + digits, digits + "e-1",
                ]
                return spellings[Int.random(in: 0..<spellings.count, using: &rng)]
            }
            let text = "[" + elements.joined(separator: Bool.random(using: &rng) ? "," : " , ") + "]"
            let (scanner, parser) = answers(text)
            #expect(scanner == parser, "\(text)")
        }
    }

    /// The number the scanner reads from `text` (all of it), and the parser's.
    func numbers(_ text: String) -> (scanner: JSONNumber?, parser: JSONNumber?) {
        let bytes = Array(text.utf8)
        let scanned = bytes.withUnsafeBufferPointer { buffer -> JSONNumber? in
            var scanner = JSONScanner(buffer)
            guard let number = scanner.number(), scanner.atEnd() else { return nil }
            return number
        }
        guard case .number(let parsed) = try? JSONParser.parse(bytes) else { return (scanned, nil) }
        return (scanned, parsed)
    }

    @Test(
        "plain numbers and their neighbours",
        arguments: [
            "0", "-0", "0.0", "-0.0", "87.5", "1.2", "360", "52.5160", "0.000123", "123456789012345",
            "1234567890123456", "12345678901234.5", "1234567890123.45", "0.123456789012345", "0.1234567890123456",
            "999999999999999", "-13.3770", "1.", ".5", "01", "00.5", "1e5", "1.5e-3", "1E2", "-", "--1", "1.2.3",
            "9007199254740993", "0.30000000000000004", "  7  ",
        ]
    )
    func plainNumbers(_ text: String) {
        let (scanner, parser) = numbers(text)
        #expect(scanner == parser, "\(text)")
        #expect(scanner?.double.sign == parser?.double.sign, "\(text)")
    }

    @Test("random decimals of up to 18 digits, with and without a sign and a fraction")
    func randomNumbers() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var rng = SplitMix64(seed: seed)
            for _ in 0..<50 {
                let digits = String(
                    UInt64.random(in: 0...999_999_999_999_999_999, using: &rng)
                        >> UInt64.random(in: 0...60, using: &rng))
                let point = Int.random(in: 0...digits.count, using: &rng)
                var text =
                    point == digits.count
                    ? digits : String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
                if text.hasPrefix(".") { text = "0" + text }
                if Bool.random(using: &rng) { text = "-" + text }
                let (scanner, parser) = numbers(text)
                #expect(scanner == parser, "\(text)")
                #expect(scanner?.double.sign == parser?.double.sign, "\(text)")
            }
        }
    }

    @Test(
        "a member name taken when it is exactly the expected one",
        arguments: [
            (#""row":1"#, true), (#" "row" : 1"#, true), (#""rows":1"#, false), (#""ro":1"#, false),
            (#""ro\u0077":1"#, false), (#""row"1"#, false), (#""row""#, false), (#"row:1"#, false),
            (#""Row":1"#, false),
            (#""row"#, false), ("", false),
        ]
    )
    func expectedKey(_ text: String, taken: Bool) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            #expect(scanner.key("row") == taken, "\(text)")
            if taken {
                #expect(scanner.integer() == 1)
            } else {
                // Nothing taken: the general reader still sees the whole text.
                var general = JSONScanner(buffer)
                let name = general.key().map { String(decoding: $0, as: UTF8.self) }
                #expect(name != "row" || general.integer() != 1, "\(text)")
                #expect(scanner.index == 0 || scanner.index == bytes.prefix { $0 == 0x20 }.count)
            }
        }
    }
}
