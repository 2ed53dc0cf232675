import Compliance
import Pipeline
import Yams

/// The `adapters:` section of the configuration:
///
/// ```yaml
/// adapters:
///   missions: {1581F5BKD225D00A: M-0412, D5: M-0412}
///   dji_cloud_api: {gateways: {DOCK_SN: 1581F5BKD225D00A}}
///   mavlink_json: {prefix: "mavlink/{drone}"}
///   remote_id: {topic: "rid/{drone}/state", flights_topic: "rid/flights"}
///   misb_klv: {topic: "klv/{drone}/{stream}", image_width_px: 1920}
/// ```
extension AdapterSettings {
    static let sections = ["missions", "dji_cloud_api", "mavlink_json", "remote_id", "misb_klv"]

    /// Reads the section, reporting every problem with its key and value into the reader's log.
    static func read(_ fields: YAMLFields, native: TopicScheme) -> AdapterSettings {
        fields.rejectUnknownKeys(Set(sections))
        var settings = AdapterSettings()
        settings.missions = identifierMap(fields, "missions") ?? [:]
        if let dji = fields.mapping("dji_cloud_api") {
            dji.rejectUnknownKeys(["gateways"])
            settings.djiCloudAPI = DJISettings(gateways: identifierMap(dji, "gateways") ?? [:])
        }
        if let mavlink = fields.mapping("mavlink_json") {
            mavlink.rejectUnknownKeys(["prefix"])
            if let prefix = pattern(mavlink, "prefix", stream: false, required: true, native: native) {
                settings.mavlinkJSON = MAVLinkSettings(prefix: prefix)
            }
        }
        if let remoteID = fields.mapping("remote_id") {
            remoteID.rejectUnknownKeys(["topic", "flights_topic"])
            let flights = flightsTopic(remoteID, native: native)
            if let topic = pattern(remoteID, "topic", stream: false, required: true, native: native) {
                if let flights, topic.drone(in: flights) != nil {
                    remoteID.report(
                        "flights_topic", remoteID.node("flights_topic"),
                        "is a topic of the per-drone pattern \(topic): each topic must have one decoder")
                } else {
                    settings.remoteID = RemoteIDSettings(topic: topic, flightsTopic: flights)
                }
            }
        }
        if let klv = fields.mapping("misb_klv") {
            klv.rejectUnknownKeys(["topic", "image_width_px"])
            let topic = pattern(klv, "topic", stream: true, required: true, native: native)
            let width = klv.integer("image_width_px", in: 1...100_000)
            if width == nil, klv.node("image_width_px") == nil {
                klv.report("image_width_px", nil, "is required: MISB ST 0601 does not carry the image width")
            }
            if let topic, let width { settings.misbKLV = KLVSettings(topic: topic, imageWidth: width) }
        }
        let adapterGiven = sections.dropFirst().contains { fields.node($0) != nil }
        if adapterGiven, settings.missions.isEmpty {
            fields.report(
                "missions", fields.node("missions"),
                "name the mission of each drone the adapters take: foreign formats carry no mission id")
        }
        return settings
    }

    /// A mapping of drone ids (or dock SNs) to ids, each a valid topic level of 1-64 letters, digits, '-', '_'
    /// or '.'.
    static func identifierMap(_ fields: YAMLFields, _ key: String) -> [String: String]? {
        guard let section = fields.mapping(key) else { return nil }
        var map: [String: String] = [:]
        for (name, value) in section.mapping ?? [:] {
            guard let text = name.string, isIdentifier(text) else {
                section.report(
                    name.string ?? "(key)", value, "the key must be an id of 1-64 letters, digits, '-', '_' or '.'",
                    at: name)
                continue
            }
            guard case .scalar(let scalar) = value, isIdentifier(scalar.string) else {
                section.report(text, value, "must be an id of 1-64 letters, digits, '-', '_' or '.'")
                continue
            }
            map[text] = scalar.string
        }
        return map
    }

    static func isIdentifier(_ text: String) -> Bool {
        (try? TopicPattern("x/{drone}"))?.drone(in: "x/\(text)") == text
    }

    /// The one topic of Remote ID `GetFlightsResponse` documents: a plain topic (no wildcard, no `{drone}`:
    /// the flights name their aircraft), not one the native patterns take.
    static func flightsTopic(_ fields: YAMLFields, native: TopicScheme) -> String? {
        guard let text = fields.string("flights_topic") else { return nil }
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.utf8.count <= 256,
            levels.allSatisfy({ !$0.isEmpty && !$0.contains { "+#{}".contains($0) } && !$0.hasPrefix("$") })
        else {
            fields.report(
                "flights_topic", fields.node("flights_topic"),
                "must be a plain MQTT topic: non-empty levels without '+', '#', '{', '}' or a leading '$'")
            return nil
        }
        guard native.telemetry.drone(in: text) == nil, native.payload.match(text) == nil, text != native.control else {
            fields.report(
                "flights_topic", fields.node("flights_topic"),
                "is a native or control topic: each topic must have one decoder")
            return nil
        }
        return text
    }

    /// An adapter's topic pattern: `{drone}`, a `{stream}` level only for KLV, and not one of the native
    /// telemetry or payload patterns (a topic must have one decoder).
    static func pattern(_ fields: YAMLFields, _ key: String, stream: Bool, required: Bool, native: TopicScheme)
        -> TopicPattern?
    {
        guard let text = fields.string(key, required: required) else { return nil }
        let pattern: TopicPattern
        do {
            pattern = try TopicPattern(text)
        } catch {
            fields.report(key, fields.node(key), error.problem)
            return nil
        }
        guard pattern.hasStream == stream else {
            fields.report(
                key, fields.node(key), stream ? "needs one level that is {stream}" : "may not have a {stream} level")
            return nil
        }
        guard pattern != native.telemetry, pattern != native.payload else {
            fields.report(key, fields.node(key), "is a native topic pattern: each topic must have one decoder")
            return nil
        }
        return pattern
    }
}
