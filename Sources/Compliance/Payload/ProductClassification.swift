/// Why a product off the allowlist is blocked, and the name flowgate writes for it: a product on the spec's
/// list of identification products keeps its name; one whose words name identification is
/// `identification_product` under ``PayloadEnvelope/identificationProduct``; anything else is
/// `product_not_allowed` under ``PayloadEnvelope/unknownProduct``. The sender's text is never written.
enum ProductClassification {
    static func finding(_ text: String) -> (PayloadFinding, recordedName: String) {
        if PayloadProduct.identificationProducts.contains(text) {
            return (
                PayloadFinding(.identificationProduct, detail: "product \(text) identifies or tracks persons"), text
            )
        }
        if let match = SenderName.match(text) {
            return (
                PayloadFinding(.identificationProduct, detail: "the product names identification: \(match)"),
                PayloadEnvelope.identificationProduct
            )
        }
        if PayloadProduct(rawValue: text) != nil {
            return (
                PayloadFinding(.productNotAllowed, detail: "product \(text) is not allowed by the policy"), text
            )
        }
        return (
            PayloadFinding(.productNotAllowed, detail: "the product is not a crowd-flow product"),
            PayloadEnvelope.unknownProduct
        )
    }
}
