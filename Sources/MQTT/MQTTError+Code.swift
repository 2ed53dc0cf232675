import CMosquitto

extension MQTTError {
    /// A libmosquitto `MOSQ_ERR_*` code by name, so that callers outside this module (which alone sees the C
    /// library) can tell the failures apart; a code without a name here keeps its number in ``other(_:)``.
    public enum Code: Sendable, Hashable {
        /// `MOSQ_ERR_NOMEM`.
        case outOfMemory
        /// `MOSQ_ERR_PROTOCOL`: the broker or the client broke the MQTT protocol.
        case protocolViolation
        /// `MOSQ_ERR_INVAL`: an argument libmosquitto refused (a topic, a QoS, a payload).
        case invalidArgument
        /// `MOSQ_ERR_NO_CONN`: not connected to the broker (yet, or any more).
        case noConnection
        /// `MOSQ_ERR_CONN_REFUSED`: the broker refused the connection.
        case connectionRefused
        /// `MOSQ_ERR_CONN_LOST`: the connection to the broker was lost.
        case connectionLost
        /// `MOSQ_ERR_TLS`.
        case tls
        /// `MOSQ_ERR_PAYLOAD_SIZE`: the payload is larger than MQTT allows.
        case payloadTooLarge
        /// `MOSQ_ERR_AUTH`: the broker refused the credentials.
        case authentication
        /// `MOSQ_ERR_ACL_DENIED`: the broker's ACL denies the operation.
        case aclDenied
        /// `MOSQ_ERR_ERRNO`: a system call failed; `errno` says why.
        case systemError
        /// Any other `MOSQ_ERR_*` value.
        case other(Int32)

        private static let named: [(Code, mosq_err_t)] = [
            (.outOfMemory, MOSQ_ERR_NOMEM), (.protocolViolation, MOSQ_ERR_PROTOCOL),
            (.invalidArgument, MOSQ_ERR_INVAL), (.noConnection, MOSQ_ERR_NO_CONN),
            (.connectionRefused, MOSQ_ERR_CONN_REFUSED), (.connectionLost, MOSQ_ERR_CONN_LOST), (.tls, MOSQ_ERR_TLS),
            (.payloadTooLarge, MOSQ_ERR_PAYLOAD_SIZE), (.authentication, MOSQ_ERR_AUTH),
            (.aclDenied, MOSQ_ERR_ACL_DENIED), (.systemError, MOSQ_ERR_ERRNO),
        ]

        /// The code for a libmosquitto return value.
        init(_ rawValue: Int32) {
            self = Code.named.first { Int32($0.1.rawValue) == rawValue }?.0 ?? .other(rawValue)
        }

        /// The `MOSQ_ERR_*` number.
        public var rawValue: Int32 {
            if case .other(let value) = self { return value }
            return Int32(Code.named.first { $0.0 == self }!.1.rawValue)
        }
    }
}
