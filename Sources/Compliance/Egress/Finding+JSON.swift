import StrictJSON

extension Finding {
    var json: JSONValue {
        var object: JSONObject = ["code": .string(code.rawValue), "subject": subject.map(JSONValue.string) ?? .null]
        if let metres { object["distance_m"] = .number((metres * 100).rounded() / 100) }
        object["detail"] = .string(detail)
        return .object(object)
    }
}
