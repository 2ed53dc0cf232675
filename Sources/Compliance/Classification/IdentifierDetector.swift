/// Identifiers of persons and their devices written inside a string: what a `frame_ref` or an unknown member
/// could carry past a check of names alone. Each answer is the kind of identifier, never the string.
///
/// - a subscriber or handset number: 15 digits in a row or in groups (IMSI, IMEI), or an international phone
///   number (`+` and 8 to 15 digits, `tel:`);
/// - a hardware address: six or eight pairs of hex digits joined by `:` or `-` (MAC, Bluetooth, EUI-64), or
///   three groups of four joined by `.`;
/// - a licence plate written the way European plates are: capital letters in two groups and digits
///   (`B-AB 1234`, `M AB 123E`), or the British `AB12 CDE`;
/// - an e-mail address.
///
/// Identities named by words (`urn:imsi:`, `urn:dev:mac:`, `faces/`) are the classifier's: see
/// ``IdentificationClassifier``.
public enum IdentifierDetector {
    public static func identifier(in text: String) -> IdentifierKind? {
        let bytes = Array(text.utf8)
        if let found = subscriberNumber(bytes) { return found }
        if hardwareAddress(bytes) { return .hardwareAddress }
        if plate(bytes) { return .licencePlate }
        if email(bytes) { return .emailAddress }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 }
    static func isCapital(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// 15 digits, alone or in groups joined by single spaces, dashes, dots or slashes (`35-209900-176148-1`);
    /// a phone number after `+` or `tel:`.
    static func subscriberNumber(_ bytes: [UInt8]) -> IdentifierKind? {
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isAlphanumeric(bytes[index - 1]) || isDigit(bytes[index - 1])
            else {
                index += 1
                continue
            }
            let international =
                index > 0 && bytes[index - 1] == UInt8(ascii: "+")
                || index >= 4 && bytes[(index - 4)..<index].map({ $0 | 0x20 }) == Array("tel:".utf8)
            var digits = 0
            var end = index
            while end < bytes.count {
                if isDigit(bytes[end]) {
                    digits += 1
                    end += 1
                } else if end + 1 < bytes.count, isDigit(bytes[end + 1]),
                    [UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/")].contains(bytes[end])
                {
                    end += 1
                } else {
                    break
                }
            }
            let followedByLetter = end < bytes.count && isAlphanumeric(bytes[end])
            if international, (8...15).contains(digits) { return .phoneNumber }
            if digits == 15, !followedByLetter { return .subscriberNumber }
            index = max(end, index + 1)
        }
        return nil
    }

    /// `aa:bb:cc:dd:ee:ff`, `aa-bb-...`, eight pairs for EUI-64, or `aabb.ccdd.eeff`.
    static func hardwareAddress(_ bytes: [UInt8]) -> Bool {
        for start in bytes.indices where isHex(bytes[start]) && (start == 0 || !isAlphanumeric(bytes[start - 1])) {
            for separator in [UInt8(ascii: ":"), UInt8(ascii: "-")] {
                var groups = 0
                var index = start
                while index + 1 < bytes.count, isHex(bytes[index]), isHex(bytes[index + 1]) {
                    groups += 1
                    index += 2
                    guard index < bytes.count, bytes[index] == separator else { break }
                    index += 1
                }
                let bounded = index >= bytes.count || !isAlphanumeric(bytes[index])
                if (groups == 6 || groups == 8), bounded { return true }
            }
            var groups = 0
            var index = start
            while index + 3 < bytes.count, bytes[index..<(index + 4)].allSatisfy(isHex) {
                groups += 1
                index += 4
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { break }
                index += 1
            }
            if groups == 3, index >= bytes.count || !isAlphanumeric(bytes[index]) { return true }
        }
        return false
    }

    /// `B-AB 1234`, `M AB 123E`, `HH-XY-99`, and the British `AB12 CDE`, standing alone.
    static func plate(_ bytes: [UInt8]) -> Bool {
        let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "-")]
        func run(_ index: inout Int, _ accept: (UInt8) -> Bool, _ range: ClosedRange<Int>) -> Bool {
            var count = 0
            while index < bytes.count, accept(bytes[index]) {
                count += 1
                index += 1
            }
            return range.contains(count)
        }
        func separator(_ index: inout Int, required: Bool) -> Bool {
            if index < bytes.count, separators.contains(bytes[index]) {
                index += 1
                return true
            }
            return !required
        }
        for start in bytes.indices where isCapital(bytes[start]) && (start == 0 || !isAlphanumeric(bytes[start - 1])) {
            var index = start
            if run(&index, isCapital, 1...3), separator(&index, required: true), run(&index, isCapital, 1...2),
                separator(&index, required: false), run(&index, isDigit, 1...4)
            {
                if index < bytes.count, bytes[index] == UInt8(ascii: "E") || bytes[index] == UInt8(ascii: "H") {
                    index += 1
                }
                if index >= bytes.count || !isAlphanumeric(bytes[index]) { return true }
            }
            index = start
            if run(&index, isCapital, 2...2), run(&index, isDigit, 2...2), separator(&index, required: false),
                run(&index, isCapital, 3...3), index >= bytes.count || !isAlphanumeric(bytes[index])
            {
                return true
            }
        }
        return false
    }

    /// `name@host.tld`.
    static func email(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, isAlphanumeric(bytes[at - 1]) else {
            return false
        }
        let host = bytes[(at + 1)...].prefix {
            isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
        return host.contains(UInt8(ascii: ".")) && host.last.map(isAlphanumeric) == true
    }
}
