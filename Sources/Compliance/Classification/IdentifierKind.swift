/// The kinds of identifier ``IdentifierDetector`` finds in a string. A finding names the kind, never the
/// identifier.
public enum IdentifierKind: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `+` or `tel:` and 8 to 15 digits.
    case phoneNumber
    /// 15 digits, alone or in groups: an IMSI or an IMEI.
    case subscriberNumber
    /// A MAC, Bluetooth or EUI-64 address.
    case hardwareAddress
    case licencePlate
    case emailAddress

    public var description: String {
        switch self {
        case .phoneNumber: "a phone number"
        case .subscriberNumber: "a 15-digit subscriber or handset number (IMSI, IMEI)"
        case .hardwareAddress: "a MAC or Bluetooth address"
        case .licencePlate: "a licence plate"
        case .emailAddress: "an e-mail address"
        }
    }
}
