/// The decoders the blob checks use: only the first bytes of a run are decoded, to compare them with magic
/// numbers, so each stops at the first character outside its alphabet.
extension EmbeddedBlob {
    /// Base64 in either alphabet (`+/` or `-_`).
    static func base64Decoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        decoded(text, bitsPerSymbol: 6) { b in
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(b) - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(b) - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b) - 48 + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
            default: nil
            }
        }
    }

    /// Base32 (RFC 4648), either case.
    static func base32Decoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        decoded(text, bitsPerSymbol: 5) { b in
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(b) - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(b) - 97
            case UInt8(ascii: "2")...UInt8(ascii: "7"): Int(b) - 50 + 26
            default: nil
            }
        }
    }

    /// Hex, either case.
    static func hexDecoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        decoded(text, bitsPerSymbol: 4) { b in
            switch b | 0x20 {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(b | 0x20) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(b | 0x20) - 87
            default: nil
            }
        }
    }

    /// Symbols of `bitsPerSymbol` bits each, packed into bytes, up to the first that is not one.
    private static func decoded(
        _ text: ArraySlice<UInt8>, bitsPerSymbol: Int, value: (UInt8) -> Int?
    ) -> [UInt8] {
        var bits = 0
        var count = 0
        var out: [UInt8] = []
        for b in text {
            guard let symbol = value(b) else { return out }
            bits = (bits << bitsPerSymbol) | symbol
            count += bitsPerSymbol
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> count) & 0xFF))
                bits &= (1 << count) - 1
            }
        }
        return out
    }
}
