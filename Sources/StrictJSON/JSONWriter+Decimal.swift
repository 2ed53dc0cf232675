/// Decimal numbers written digit by digit into the bytes: the very text of `"\(value)"` (Swift's shortest
/// round-trip form, `87.5`, `0.25`, `360.0`), without building a `String` for each number. A forwarded 500-cell
/// flow grid has a thousand of them, and the `String`s cost more than reading the whole message.
extension JSONWriter {
    /// Appends the text ``format(_:)`` gives `JSONNumber(value)`; a number it cannot write digit by digit (very
    /// small or large, or not finite) takes ``format(_:)`` itself.
    public static func write(double value: Double, into out: inout [UInt8]) {
        append(double: value, to: &out)
    }

    static func append(double value: Double, to out: inout some JSONByteSink) {
        guard let (digits, fractionDigits) = shortestDecimal(value) else {
            appendText(format(JSONNumber(value)), to: &out)
            return
        }
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        let scale = UInt64(JSONNumberGrammar.powersOfTen[fractionDigits])
        appendDigits(of: digits / scale, minimumCount: 1, to: &out)
        out.append(UInt8(ascii: "."))
        if fractionDigits == 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            appendDigits(of: digits % scale, minimumCount: fractionDigits, to: &out)
        }
    }

    /// `value` as `digits` / 10^`fractionDigits`, with the fewest fraction digits that read back as `value`; `nil`
    /// below 1e-3 and from 1e15 (Swift writes an exponent below 1e-4 and from 1e16: these keep clear of where it
    /// switches) and where the digits could be ambiguous.
    ///
    /// Why this is Swift's shortest form: the digits are searched from no fraction digit up, and kept below 2^50,
    /// where one unit in the last place of `value` is under a quarter of the last digit. Then at most one
    /// decimal with that many fraction digits lies in `value`'s rounding interval, `magnitude * 10^k` (one
    /// rounding) rounds to it, and `digits / 10^k` (exact operands, correctly rounded) says whether it reads back
    /// as `value`: the first `k` that does gives the shortest decimal, which is unique.
    static func shortestDecimal(_ value: Double) -> (digits: UInt64, fractionDigits: Int)? {
        let magnitude = value.magnitude
        if magnitude == 0 { return (0, 0) }
        guard magnitude >= 1e-3, magnitude < 1e15 else { return nil }
        for fractionDigits in 0...18 {
            let power = JSONNumberGrammar.powersOfTen[fractionDigits]
            let scaled = magnitude * power
            guard scaled < 0x1p50 else { return nil }
            // Rounded to the nearest integer without a call to the C library: below 2^50, adding a half is exact.
            let digits = UInt64(scaled + 0.5)
            // A decimal that reads back as `value` lies within half of `value`'s rounding interval (at most one
            // unit in the last place of `scaled`) plus the product's rounding (half a unit) of `scaled`: farther
            // away, there is none with this many fraction digits, and the division is not needed to say so.
            guard (scaled - Double(digits)).magnitude <= 2 * scaled.ulp else { continue }
            if Double(digits) / power == magnitude { return (digits, fractionDigits) }
        }
        return nil
    }

    /// The decimal digits of `number`, with leading zeros up to `minimumCount` digits.
    private static func appendDigits(of number: UInt64, minimumCount: Int, to out: inout some JSONByteSink) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            var rest = number
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || buffer.count - start < minimumCount
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
