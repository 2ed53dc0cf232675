import CMosquitto

/// A failure of the MQTT client, with libmosquitto's `MOSQ_ERR_*` code and its text when it came from there.
public struct MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The libmosquitto code, or `nil` for failures of the Swift side (a timeout, a refused connection).
    public var code: Code?
    public var operation: String
    public var message: String

    public init(code: Code?, operation: String, message: String) {
        self.code = code
        self.operation = operation
        self.message = message
    }

    /// An error for a libmosquitto return code.
    init(code: Int32, operation: String) {
        self.init(code: Code(code), operation: operation, message: String(cString: mosquitto_strerror(code)))
    }

    /// Throws unless `code` is `MOSQ_ERR_SUCCESS`.
    static func check(_ code: Int32, _ operation: String) throws(MQTTError) {
        guard code == Int32(MOSQ_ERR_SUCCESS.rawValue) else { throw MQTTError(code: code, operation: operation) }
    }

    public var description: String {
        "\(operation) failed: \(message)\(code.map { " (MOSQ_ERR \($0.rawValue))" } ?? "")"
    }
}
