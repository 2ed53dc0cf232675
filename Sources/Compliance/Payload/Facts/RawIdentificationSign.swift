/// One sign of identification in the raw bytes of a message that could not be decoded (see
/// ``RawIdentificationScan``): what the token is, never the token.
public enum RawIdentificationSign: Sendable, Hashable {
    /// A token whose words name identification.
    case words(IdentificationClassifier.Match)
    /// A token that carries an identifier of a person or device.
    case identifier(IdentifierKind)
    /// A `data:` URI.
    case dataURI
    /// A run of hex that starts with an image's magic number: the image format.
    case hexImage(String)
    /// A run of base64 that starts with an image's magic number: the image format.
    case base64Image(String)
    /// More distinct tokens than the scan classifies: the limit.
    case tooManyWords(limit: Int)

    var detail: String {
        switch self {
        case .words(let match): "words naming identification, \(match)"
        case .identifier(let kind): kind.description
        case .dataURI: "a data: URI"
        case .hexImage(let format): "a hex-encoded \(format) image"
        case .base64Image(let format): "a base64-encoded \(format) image"
        case .tooManyWords(let limit): "more than \(limit) distinct words, too many to clear"
        }
    }
}
