import AirspaceFixtures
import PropertyBased
import StrictJSON
import Testing

@Suite("JSONParser: numbers")
struct NumberParsingTests {
    struct NotANumber: Error {}

    func number(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONNumber {
        let value = try parsed(text, sourceLocation: sourceLocation)
        guard case .number(let n) = value else {
            Issue.record("\(text) parsed as \(value.typeName)", sourceLocation: sourceLocation)
            throw NotANumber()
        }
        return n
    }

    @Test(
        "integers parse exactly and are marked as integers",
        arguments: [
            ("0", 0), ("7", 7), ("-7", -7), ("10", 10), ("1234567890", 1_234_567_890), ("-987654321", -987_654_321),
            ("9007199254740992", 9_007_199_254_740_992), ("-9007199254740992", -9_007_199_254_740_992),
        ] as [(String, Int)]
    )
    func integers(text: String, expected: Int) throws {
        let n = try number(text)
        #expect(n.double == Double(expected))
        #expect(n.isInteger)
        #expect(n.intValue == expected)
        #expect(n == JSONNumber(expected))
    }

    @Test(
        "fractions and exponents parse to the nearest double and are not integers",
        arguments: [
            ("0.5", 0.5), ("-0.5", -0.5), ("3.25", 3.25), ("1e2", 100), ("1E2", 100), ("1e+2", 100), ("1E+2", 100),
            ("1e-2", 0.01), ("1E-2", 0.01), ("2.5e3", 2500), ("-2.5E-3", -0.0025), ("0e0", 0), ("0.0", 0),
            ("1.0", 1), ("10.50", 10.5), ("123.456e-2", 1.23456), ("0.000001", 0.000_001), ("1e22", 1e22),
            ("1e23", 1e23), ("1e-22", 1e-22), ("1e-23", 1e-23), ("5e-324", .leastNonzeroMagnitude),
            ("1e-400", 0), ("1e007", 1e7), ("1e-0", 1),
        ] as [(String, Double)]
    )
    func fractionsAndExponents(text: String, expected: Double) throws {
        let n = try number(text)
        #expect(n.double == expected)
        #expect(!n.isInteger)
    }

    @Test("-0 keeps its sign, as integer and as fraction")
    func negativeZero() throws {
        let integer = try number("-0")
        #expect(integer.double == 0 && integer.double.sign == .minus)
        #expect(integer.isInteger)
        #expect(integer.intValue == 0)
        for text in ["-0.0", "-0e0", "-0E+5", "-0.000"] {
            let n = try number(text)
            #expect(n.double.sign == .minus, "\(text)")
            #expect(!n.isInteger, "\(text)")
        }
        #expect(try number("0").double.sign == .plus)
    }

    @Test(
        "values needing correct rounding equal Swift's Double(String)",
        arguments: [
            "0.1", "0.2", "0.3", "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324",
            "2.4703282292062328e-324", "9007199254740993", "9007199254740995", "18014398509481987",
            "1.7976931348623157e308", "1.7976931348623158e308", "123456789012345678", "1234567890123456789",
            "12345678901234567890", "1234567890123456789012345", "0.1234567890123456789012345",
            "1.234567890123456789012345e-200", "3.141592653589793238462643383279", "2.718281828459045235360287",
            "7.2057594037927933e16", "9.5e21", "8.98846567431158e307", "4503599627370496.5", "4503599627370497.5",
            // Just above and just below the midpoint between 1 and the next double.
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "0.000000000000000000000000000000000000000000001", "100000000000000000000000", "99999999999999999999999",
            "1e-22", "1.5e-22", "123e20", "123e21", "1e0000000000000000000001", "0e99999999999", "1e-99999999999",
            "1" + String(repeating: "0", count: 400) + "e-400",
            "0." + String(repeating: "0", count: 400) + "1e400",
        ]
    )
    func correctRounding(text: String) throws {
        let expected = try #require(Double(text))
        let n = try number(text)
        #expect(n.double == expected)
        #expect(n.double.bitPattern == expected.bitPattern)
        let negated = try number("-" + text)
        #expect(negated.double.bitPattern == (-expected).bitPattern)
    }

    @Test("a 25-digit mantissa parses like Double(String), integer or not")
    func longMantissa() throws {
        let integer = try number("1234567890123456789012345")
        #expect(integer.double == 1.2345678901234568e24)
        #expect(integer.isInteger)
        #expect(integer.intValue == nil)
        let fraction = try number("1.234567890123456789012345")
        #expect(fraction.double == Double("1.234567890123456789012345"))
    }

    @Test(
        "numbers too large for a double are refused, at the number",
        arguments: [
            "1e999", "-1e999", "1e309", "1.8e308", "-1.8e308", "1.7976931348623159e308", "1e99999999999",
            String(repeating: "9", count: 400), "-" + String(repeating: "9", count: 310) + ".5",
        ]
    )
    func tooLarge(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem == "number is too large")
        #expect(error.offset == 0)
        let inArray = try #require(refusal("[1, " + text + "]"))
        #expect(inArray.problem == "number is too large")
        #expect(inArray.offset == 4)
    }

    @Test(
        "malformed numbers are refused",
        arguments: [
            "01", "-01", "00", "007", "00.5", "1.", "-1.", "1.e5", ".5", "-.5", "+1", "+0", "-", "--1", "-a", "1e",
            "1E",
            "1e+", "1e-", "1e+-1", "1ee1", "1.5.5", "0x10", "0b1", "1_000", "1,000", "Infinity", "١", "０",
            "1.0e", "- 1", "[01]", "[1.]", "{\"a\":.5}",
        ]
    )
    func malformed(text: String) {
        #expect(refusal(text) != nil)
    }

    @Test("a leading zero is named as the problem")
    func leadingZeroMessage() throws {
        let error = try #require(refusal("[0, 01]"))
        #expect(error.problem == "numbers may not have leading zeros")
        #expect(error.offset == 5)
        #expect(refusal("1.")?.problem == "expected a digit after the decimal point")
        #expect(refusal("1e+")?.problem == "expected a digit in the exponent")
        #expect(refusal("-x")?.problem == "expected a digit in a number")
    }

    @Test("a number ends at the first character that cannot continue it")
    func numberBoundaries() throws {
        #expect(try parsed("[1,-2,3.5e1]") == .array([.number(1), .number(-2), .number(35.0)]))
        #expect(try parsed("{\"a\":0}")["a"] == .number(0))
        #expect(try parsed("\t-12\n") == .number(-12))
    }

    /// Random texts from the JSON number grammar: up to 25 integer and fraction digits, exponents up to 3 digits.
    @Test("random number texts parse to exactly Double(String)'s value, or are refused when it overflows")
    func randomNumbers() async {
        await propertyCheck(count: 2_000, input: seeds) { seed in
            var rng = SplitMix64(seed: seed)
            let text = Self.randomNumberText(using: &rng)
            let expected = Double(text)!
            if expected.isFinite {
                guard let value = try? JSONParser.parse(text), case .number(let n) = value else {
                    Issue.record("refused \(text)")
                    return
                }
                #expect(n.double.bitPattern == expected.bitPattern, "\(text)")
                #expect(n.isInteger == !text.contains(where: { ".eE".contains($0) }), "\(text)")
            } else {
                #expect(refusal(text)?.problem == "number is too large", "\(text)")
            }
        }
    }

    static func randomNumberText(using rng: inout SplitMix64) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        }
        var text = Bool.random(using: &rng) ? "-" : ""
        if Int.random(in: 0..<5, using: &rng) == 0 {
            text += "0"
        } else {
            text += String(Int.random(in: 1...9, using: &rng)) + digits(Int.random(in: 0...24, using: &rng))
        }
        if Bool.random(using: &rng) {
            // Runs of zeros after the point exercise the scale bookkeeping.
            let zeros =
                Bool.random(using: &rng) ? String(repeating: "0", count: Int.random(in: 1...30, using: &rng)) : ""
            text += "." + zeros + digits(Int.random(in: 1...25, using: &rng))
        }
        if Bool.random(using: &rng) {
            text += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)!
            text += digits(Int.random(in: 1...3, using: &rng))
        }
        return text
    }
}
