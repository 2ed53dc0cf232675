/// The JSON number grammar and its value, shared by ``JSONParser`` and ``JSONScanner`` so that both read every
/// number to the very same `Double`.
enum JSONNumberGrammar {
    /// Why a number was refused, and the offset the parser reports.
    struct Problem: Error {
        var problem: String
        var offset: Int
    }

    /// Reads the number at `index` (which holds `-` or a digit) and moves `index` past it: the exact fast path
    /// when the digits and exponent are small (Clinger), the C library's correctly rounded conversion otherwise.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) throws(Problem) -> JSONNumber {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponentAdjust = 0
        var droppedDigits = false
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        guard isDigit(index) else { throw Problem(problem: "expected a digit in a number", offset: index) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw Problem(problem: "numbers may not have leading zeros", offset: index) }
        } else {
            while isDigit(index) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30)
                    digits += 1
                } else {
                    exponentAdjust += 1
                    droppedDigits = true
                }
                index += 1
            }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard isDigit(index) else {
                throw Problem(problem: "expected a digit after the decimal point", offset: index)
            }
            while isDigit(index) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[index] - 0x30)
                    if mantissa != 0 { digits += 1 }
                    exponentAdjust -= 1
                } else {
                    droppedDigits = true
                }
                index += 1
            }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            var expNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                expNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard isDigit(index) else { throw Problem(problem: "expected a digit in the exponent", offset: index) }
            while isDigit(index) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            if expNegative { exponent = -exponent }
        }
        let totalExponent = exponent + exponentAdjust
        var value: Double
        if !droppedDigits, mantissa <= 1 << 53, (-22...22).contains(totalExponent) {
            value = Double(mantissa)
            // An integer (nearly every number in a grid) needs no power of ten, nor the table's lazy setup.
            if totalExponent < 0 {
                value /= powersOfTen[-totalExponent]
            } else if totalExponent > 0 {
                value *= powersOfTen[totalExponent]
            }
        } else {
            let text = String(decoding: bytes[(negative ? start + 1 : start)..<index], as: UTF8.self)
            value = Double(text) ?? .infinity
        }
        if negative { value = -value }
        guard value.isFinite else { throw Problem(problem: "number is too large", offset: start) }
        return JSONNumber(double: value, isInteger: isInteger)
    }

    /// 10^0 to 10^22, each exact; written out so that the table is a constant rather than built on first use
    /// (which every access would check).
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]
}
