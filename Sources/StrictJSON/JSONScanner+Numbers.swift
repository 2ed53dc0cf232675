/// Numbers read without the general grammar where they are plain (a grid's counts, a cell's direction): the
/// values are those ``JSONNumberGrammar`` gives, computed the same way.
extension JSONScanner {
    /// An array of numbers whose values are whole and fit an `Int` (``integer()``), or `nil`. Made for a grid's
    /// thousands of counts: read without a call per element.
    /// - Parameter capacity: how many elements to make room for at once.
    public mutating func integers(reservingCapacity capacity: Int = 0) -> [Int]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var values: [Int] = []
        values.reserveCapacity(capacity)
        if take(UInt8(ascii: "]")) { return values }
        repeat {
            skipWhitespace()
            guard let value = plainInteger() ?? integer() else { return nil }
            values.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? values : nil
    }

    /// A number whose value is whole and fits an `Int` (`3`, `3.0` and `30e-1` alike), or `nil`. Plain digits are
    /// read without the general grammar.
    public mutating func integer() -> Int? {
        skipWhitespace()
        if let value = plainInteger() { return value }
        guard let number = number() else { return nil }
        return Int(exactly: number.double)
    }

    /// One to 15 digits with no sign, fraction or exponent, which the grammar reads to the same exact `Double`;
    /// `nil`, and nothing read, for any other number.
    @inline(__always)
    private mutating func plainInteger() -> Int? {
        func digit(_ at: Int) -> Int? {
            guard at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 else { return nil }
            return Int(bytes[at] - 0x30)
        }
        var end = index
        var value = 0
        if digit(end) == 0 {
            end += 1
        } else {
            while end - index < 15, let next = digit(end) {
                value = value * 10 + next
                end += 1
            }
        }
        // The number must end here: a further digit (a 16th, or one after a leading zero), a fraction or an
        // exponent is the grammar's to read or refuse.
        guard end > index, digit(end) == nil,
            end == bytes.count || (bytes[end] != UInt8(ascii: ".") && bytes[end] | 0x20 != UInt8(ascii: "e"))
        else { return nil }
        index = end
        return value
    }

    /// A number of at most 15 digits without an exponent (`87.5`, `-0.25`, `1200`): the digits as an integer,
    /// divided by the power of ten of the fraction's length, both exact, which is how the grammar computes it
    /// too. `nil`, and nothing read, for any other number.
    mutating func plainNumber() -> JSONNumber? {
        func digit(_ at: Int) -> UInt64? {
            guard at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 else { return nil }
            return UInt64(bytes[at] - 0x30)
        }
        var end = index
        let negative = end < bytes.count && bytes[end] == UInt8(ascii: "-")
        if negative { end += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        guard let first = digit(end) else { return nil }
        if first == 0 {
            end += 1
        } else {
            while digits < 15, let next = digit(end) {
                mantissa = mantissa * 10 + next
                digits += 1
                end += 1
            }
        }
        var fractionDigits = 0
        let hasFraction = end < bytes.count && bytes[end] == UInt8(ascii: ".")
        if hasFraction {
            end += 1
            while digits < 15, let next = digit(end) {
                mantissa = mantissa * 10 + next
                digits += 1
                fractionDigits += 1
                end += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        // The number must end here: more digits, a second point or an exponent are the grammar's to read.
        guard digit(end) == nil,
            end == bytes.count || (bytes[end] != UInt8(ascii: ".") && bytes[end] | 0x20 != UInt8(ascii: "e"))
        else { return nil }
        var value = Double(mantissa)
        if fractionDigits > 0 { value /= JSONNumberGrammar.powersOfTen[fractionDigits] }
        index = end
        return JSONNumber(double: negative ? -value : value, isInteger: !hasFraction)
    }
}
