/// Why a product off the allowlist is blocked, and the name flowgate writes for it: a product on the spec's
/// list of identification products keeps its name; one whose words name identification is
/// `identification_product` under ``PayloadEnvelope/identificationProduct``; anything else is
/// `product_not_allowed` under ``PayloadEnvelope/unknownProduct``. The sender's text is never written.
enum ProductClassification {
    static func finding(_ text: String) -> (PayloadFinding, recordedName: String) {
        if PayloadProduct.identificationProducts.contains(text) {
            return (
                PayloadFinding(.identificationProduct, .listedIdentificationProduct(text)), text
            )
        }
        if let match = SenderName.match(text) {
            return (
                PayloadFinding(.identificationProduct, .namesIdentification(.product, match)),
                PayloadEnvelope.identificationProduct
            )
        }
        if let product = PayloadProduct(rawValue: text) {
            return (PayloadFinding(.productNotAllowed, .productNotAllowed(product)), text)
        }
        return (
            PayloadFinding(.productNotAllowed, .unknownProduct),
            PayloadEnvelope.unknownProduct
        )
    }
}
