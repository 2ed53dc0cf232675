/// The rules for an input line of `zones query` that are not about its JSON.
enum QueryLine {
    /// Whether the line is blank: skipped, but counted for `line`. The rule is `Character.isWhitespace` over the
    /// whole line (it was read with `readLine` into a `String`), decided on the bytes where they are ASCII, as
    /// nearly every line is.
    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var onlyASCII = true
        for byte in line {
            switch byte {
            case 0x09...0x0D, 0x20: continue
            case 0x80...: onlyASCII = false
            // An ASCII character that is not white space cannot join a grapheme with the white space around it.
            default: return false
            }
        }
        // A non-breaking space, a line separator, and invalid UTF-8 (read as U+FFFD) as `readLine` read them.
        return onlyASCII || String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
    }
}
