/// Why a payload message is blocked or redacted. The raw values are stable: decisions, events and the audit
/// record use them, the simulator's ground truth names them, and reviewers search for them.
public enum PayloadCode: String, Sendable, Hashable, CaseIterable {
    /// The product is not one of the allowed crowd-flow products: default deny.
    case productNotAllowed = "product_not_allowed"
    /// The product identifies or tracks persons (face, biometrics, re-identification, plates, devices).
    case identificationProduct = "identification_product"
    /// The sensor is of a kind that identifies persons or their devices.
    case identificationSensor = "identification_sensor"
    /// The sensor is of a kind that is not allowed (and not known to identify).
    case sensorNotAllowed = "sensor_not_allowed"
    /// A key names identifying data (a track or person id, face, embedding, biometric, plate, IMSI, MAC...).
    case identifyingField = "identifying_field"
    /// A key the product's schema does not define.
    case undefinedField = "undefined_field"
    /// A string that is, or carries, an embedded image or binary blob.
    case embeddedBlob = "embedded_blob"
    /// A product, sensor kind, stream, mission or reference whose words name identification.
    case identifyingName = "identifying_name"
    /// A string carries an identifier of a person or device (IMSI, IMEI, phone, MAC, plate, e-mail).
    case identifierInValue = "identifier_in_value"
    /// An undefined member holds a long list of numbers: an embedding or a template.
    case embeddingVector = "embedding_vector"
    /// The message could not be decoded, but its raw bytes name or carry identification.
    case uninspectableIdentification = "uninspectable_identification"
    /// A frame or clip reference outside the configured grammar (scheme, host, characters, length).
    case referenceRefused = "reference_refused"
    /// Grid cells (or a counted area) smaller than the aggregation floor.
    case cellTooSmall = "cell_too_small"
    /// Cells with counts from 1 to k-1 were suppressed before forwarding.
    case smallCountSuppressed = "small_count_suppressed"
    /// The camera's ground pixel density is over the ceiling.
    case pixelDensityExceeded = "pixel_density_exceeded"
    /// The sensor geometry needed to bound the pixel density is missing.
    case opticsUnverifiable = "optics_unverifiable"
    /// The camera looks too close to the horizon, with no slant range: its range has no bound.
    case unboundedRange = "unbounded_range"

    /// The rule family the code belongs to, for per-family observe and enforce modes.
    public var family: RuleFamily {
        switch self {
        case .productNotAllowed, .identificationProduct, .identificationSensor, .sensorNotAllowed,
            .identifyingField, .undefinedField, .embeddedBlob, .identifyingName, .identifierInValue,
            .embeddingVector, .uninspectableIdentification, .referenceRefused:
            .purpose
        case .cellTooSmall, .smallCountSuppressed: .aggregation
        case .pixelDensityExceeded, .opticsUnverifiable, .unboundedRange: .optics
        }
    }

    /// Whether the code means the message carried identification data: the stream is suspended, and no mode
    /// forwards the message.
    public var isIdentification: Bool {
        switch self {
        case .identificationProduct, .identificationSensor, .identifyingField, .embeddedBlob, .identifyingName,
            .identifierInValue, .embeddingVector, .uninspectableIdentification:
            true
        default: false
        }
    }

    /// Whether observe mode can let the message through. Identification never passes; what is not on an
    /// allowlist (a product, a sensor kind, a reference outside its grammar) cannot be classified and is
    /// blocked in every mode too. Only an undefined member, which is dropped from what passes, and the
    /// aggregation and optics rules can be observed.
    public var isObservable: Bool {
        switch self {
        case .productNotAllowed, .sensorNotAllowed, .referenceRefused: false
        default: !isIdentification
        }
    }

    /// What the code does under enforcement.
    public var effect: PayloadFinding.Effect { self == .smallCountSuppressed ? .redact : .block }

    /// One line for documentation and terminal output.
    public var meaning: String {
        switch self {
        case .productNotAllowed: "the product is not an allowed crowd-flow product (default deny)"
        case .identificationProduct: "the product identifies or tracks persons; the stream is suspended"
        case .identificationSensor: "the sensor kind identifies persons or their devices; the stream is suspended"
        case .sensorNotAllowed: "the sensor kind is not allowed"
        case .identifyingField: "a key names identifying data (track or person id, face, biometric, plate, device)"
        case .undefinedField: "a key the product's schema does not define"
        case .embeddedBlob: "a string carries an embedded image or binary blob"
        case .identifyingName:
            "a product, sensor kind, stream, mission or reference names identification; the stream is suspended"
        case .identifierInValue:
            "a string carries a person's or device's identifier (IMSI, IMEI, phone, MAC, plate, e-mail)"
        case .embeddingVector: "an undefined member holds a long list of numbers (an embedding or template)"
        case .uninspectableIdentification:
            "the message could not be decoded and its raw bytes name or carry identification; the stream is suspended"
        case .referenceRefused: "a frame or clip reference is outside the configured scheme, host or grammar"
        case .cellTooSmall: "grid cells or the counted area are smaller than the aggregation floor"
        case .smallCountSuppressed: "cells with counts from 1 to k-1 were suppressed before forwarding"
        case .pixelDensityExceeded: "the ground pixel density is over the ceiling"
        case .opticsUnverifiable: "the geometry needed to bound the pixel density is missing"
        case .unboundedRange: "the camera looks too near the horizon and no slant range bounds its range"
        }
    }
}
