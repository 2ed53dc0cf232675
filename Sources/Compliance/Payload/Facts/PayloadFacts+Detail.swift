extension PayloadFacts {
    /// The facts in words, for people. The wording is the one flowgate has always printed: egress messages,
    /// events, the record and Docs/REASON_CODES.md quote it, and tests pin it.
    public var detail: String {
        switch self {
        case .listedIdentificationProduct(let product): "product \(product) identifies or tracks persons"
        case .productNotAllowed(let product): "product \(product.rawValue) is not allowed by the policy"
        case .unknownProduct: "the product is not a crowd-flow product"
        case .listedIdentificationSensor(let kind): "sensor kind \(kind) identifies persons or devices"
        case .sensorKindNotAllowed(let kind): "sensor kind \(kind.rawValue) is not allowed by the policy"
        case .unknownSensorKind: "the sensor kind is not an allowed kind"
        case .namesIdentification(let part, let match): "\(part.phrase) names identification: \(match)"
        case .referenceRefused(let path, let problem): "\(path) \(problem.detail)"
        case .referenceIdentification(let path, .identifier(let kind)): "\(path): the reference carries \(kind)"
        case .referenceIdentification(let path, .words(let match)):
            "\(path): the reference names identification: \(match)"
        case .identifyingKeys(let keys):
            "keys naming identifying data: \(Self.listed(keys.map { "\($0.what) in \($0.path)" }))"
        case .identifiersInValues(let values): Self.listed(values.map { "\($0.what.detail) in \($0.path)" })
        case .embeddingVectors(let vectors): Self.listed(vectors.map { "\($0.what) numbers in \($0.path)" })
        case .embeddedBlobs(let blobs): Self.listed(blobs.map { "\($0.what) in \($0.path)" })
        case .undefinedKeys(let count, let places):
            "\(count) key(s) the schema does not define, in \(Self.listed(places))"
        case .countedAreaTooSmall(let floor):
            "the counted area is smaller than one cell of \(PayloadNumber.text(floor)) m"
        case .gridCellsTooSmall(let floor): "grid cells are smaller than the minimum of \(PayloadNumber.text(floor)) m"
        case .smallCountsSuppressed(let cells, let threshold):
            "\(cells) cell(s) with counts \(threshold == 2 ? "of 1" : "from 1 to \(threshold - 1)") suppressed (k = \(threshold))"
        case .opticsUnverifiable(let gap): gap.detail
        case .unboundedRange(let minimum):
            "the camera looks less than \(PayloadNumber.text(minimum))° below the horizon and no slant_range_m bounds its range"
        case .pixelDensityExceeded(let density, let ceiling):
            "\(PayloadNumber.over(density)) px/m over the ceiling of \(PayloadNumber.text(ceiling)) px/m"
        case .undecodableIdentification(let signs):
            "the undecodable message holds \(signs.map(\.detail).joined(separator: "; "))"
        }
    }

    /// Up to three items, then how many more. The lists are already distinct (``PayloadScanner`` keeps each
    /// place once), so the count of the rest is of distinct places too.
    static func listed(_ items: [String]) -> String {
        let shown = items.prefix(3).joined(separator: ", ")
        return items.count > 3 ? "\(shown) and \(items.count - 3) more" : shown
    }
}
