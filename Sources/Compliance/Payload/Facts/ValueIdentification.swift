/// What a string that is no name of the schema (a value under an undefined member, a media reference) carries:
/// an identifier of a person or device, or words that name identification. Never the string itself.
public enum ValueIdentification: Sendable, Hashable {
    case identifier(IdentifierKind)
    case words(IdentificationClassifier.Match)

    /// The finding's words for a value under an undefined member.
    var detail: String {
        switch self {
        case .identifier(let kind): kind.description
        case .words(let match): "words naming identification, \(match)"
        }
    }

    /// `identifier_in_value` for an identifier, `identifying_name` for words.
    var referenceCode: PayloadCode {
        switch self {
        case .identifier: .identifierInValue
        case .words: .identifyingName
        }
    }
}
