import CMosquitto

extension MQTTOptions {
    /// What every client sets on its new libmosquitto handle: no Nagle delay (telemetry is small and latency
    /// matters more than packing), the credentials and the last will.
    func configureConnection(of handle: OpaquePointer) throws(MQTTError) {
        try MQTTError.check(mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1), "disabling Nagle's algorithm")
        if let username {
            try MQTTError.check(mosquitto_username_pw_set(handle, username, password), "setting the credentials")
        }
        if let will {
            let code = will.payload.withUnsafeBytes {
                mosquitto_will_set(handle, will.topic, Int32($0.count), $0.baseAddress, Int32(will.qos), will.retain)
            }
            try MQTTError.check(code, "setting the last will")
        }
    }
}
