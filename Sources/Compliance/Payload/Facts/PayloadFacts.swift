/// What a payload rule found, kept as values: ``detail`` words it only when a finding is printed (an egress
/// message, an event, the record), never while deciding.
///
/// Facts never hold a value of the payload. They hold the rule's own words (a term of the identification
/// vocabulary, a name on the spec's lists, a product or sensor kind of the schema), schema paths (an undefined
/// key is `<undefined>`, never its name) and numbers flowgate computed. That is what lets a blocked message be
/// recorded without writing any of its content.
public enum PayloadFacts: Sendable, Hashable {
    // MARK: Purpose: products and sensors

    /// A product on the spec's list of identification products (``PayloadProduct/identificationProducts``).
    case listedIdentificationProduct(String)
    /// A product of the schema that the policy does not allow.
    case productNotAllowed(PayloadProduct)
    /// A product that is none of the crowd-flow products and does not name identification.
    case unknownProduct
    /// A sensor kind on the spec's list of identification sensors (``SensorKind/identificationKinds``).
    case listedIdentificationSensor(String)
    /// A sensor kind of the schema that the policy does not allow.
    case sensorKindNotAllowed(SensorKind)
    /// A sensor kind that is none of the allowed kinds and does not name identification.
    case unknownSensorKind
    /// A name the sender chose (product, sensor kind, stream, mission) matched the identification vocabulary.
    case namesIdentification(NamedPart, IdentificationClassifier.Match)

    // MARK: Purpose: media references

    /// A `frame_ref` or `clip_ref`, at `path`, outside the reference grammar.
    case referenceRefused(path: String, ReferenceProblem)
    /// A reference, at `path`, that fits the grammar but carries an identifier or names identification.
    case referenceIdentification(path: String, ValueIdentification)

    // MARK: Purpose: deep inspection (each list distinct, in the order found)

    /// Keys whose words name identifying data: the vocabulary's match, and the place of the key's object.
    case identifyingKeys([FoundAt<IdentificationClassifier.Match>])
    /// Strings under undefined members that carry an identifier or name identification.
    case identifiersInValues([FoundAt<ValueIdentification>])
    /// Long lists of numbers under undefined members: how many numbers each holds.
    case embeddingVectors([FoundAt<Int>])
    /// Strings that are, or carry, an image or binary blob: ``EmbeddedBlob/kind(of:)``'s description of it.
    case embeddedBlobs([FoundAt<String>])
    /// How many keys the schema does not define, and the distinct places of their objects.
    case undefinedKeys(count: Int, places: [String])

    // MARK: Aggregation

    /// A `crowd_count` whose area is smaller than one cell of the floor, metres.
    case countedAreaTooSmall(minimumCell: Double)
    /// Grid cells smaller than the floor, metres.
    case gridCellsTooSmall(minimumCell: Double)
    /// How many cells held counts from 1 to k-1 and were suppressed, and k.
    case smallCountsSuppressed(cells: Int, threshold: Int)

    // MARK: Optics

    /// What is missing to bound the camera's pixel density.
    case opticsUnverifiable(OpticsGap)
    /// A camera looking less than the policy's minimum depression, degrees, below the horizon with no slant
    /// range.
    case unboundedRange(minimumDepression: Double)
    /// The ground pixel density at the view's near edge and the ceiling, px/m.
    case pixelDensityExceeded(density: Double, ceiling: Double)

    // MARK: Messages that could not be decoded

    /// What the raw bytes of an undecodable message name or carry (at most three signs, or the word limit).
    case undecodableIdentification([RawIdentificationSign])
}
