import StrictJSON

/// The payload schemas' extra field types: open ranges, arrays and references.
extension Fields {
    /// A number strictly between two bounds (a field of view of 0° or 180° means nothing).
    func number(_ key: String, above lower: Double, below upper: Double) throws(Rejection) -> Double {
        let number = try number(key, in: lower...upper)
        guard number > lower, number < upper else {
            throw Rejection(.invalidField, field: path(key), problem: "must be over \(lower) and under \(upper)")
        }
        return number
    }

    func optionalNumber(_ key: String, above lower: Double, below upper: Double) throws(Rejection) -> Double? {
        object[key] == nil ? nil : try number(key, above: lower, below: upper)
    }

    func array(_ key: String, count range: ClosedRange<Int>) throws(Rejection) -> [JSONValue] {
        let value = try value(key)
        guard let items = value.arrayValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an array, found \(value.typeName)")
        }
        guard range.contains(items.count) else {
            throw Rejection(
                .invalidField, field: path(key),
                problem: "must have \(range.lowerBound) to \(range.upperBound) items")
        }
        return items
    }

    /// The object at one index of an array member.
    func element(_ key: String, _ index: Int, of items: [JSONValue]) throws(Rejection) -> Fields {
        let at = "\(path(key))[\(index)]"
        guard let nested = items[index].objectValue else {
            throw Rejection(.invalidField, field: at, problem: "expected an object, found \(items[index].typeName)")
        }
        return Fields(object: nested, path: at)
    }
}
