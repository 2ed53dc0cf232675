import Compliance
public import Foundation
import MQTT
import Pipeline
import Yams

/// Reads the gateway's YAML configuration and reports every problem in one pass, each with its line, key
/// path and value.
public enum ConfigReader {
    /// Reads and checks a configuration file. Relative paths in it are relative to the file's folder.
    /// - Parameter checkFiles: whether the password and TLS files must exist (`run` and `config check`);
    ///   `replay` only needs the bundle and the policy, so it does not look for the secrets.
    public static func load(file: URL, checkFiles: Bool = true) throws(ConfigError) -> GatewayConfig {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ConfigError(issues: [
                ConfigIssue(
                    file: file.path, line: nil, key: "(file)", value: "(unreadable)",
                    problem: "\(error.localizedDescription)")
            ])
        }
        var config = try parse(
            yaml: text, file: file.path, base: file.deletingLastPathComponent(), checkFiles: checkFiles)
        config.sourceFile = file
        return config
    }

    public static func parse(yaml: String, file: String, base: URL, checkFiles: Bool) throws(ConfigError)
        -> GatewayConfig
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ConfigError(issues: [ConfigReader.issue(for: error, file: file)])
        } catch {
            throw ConfigError(issues: [
                ConfigIssue(file: file, line: nil, key: "(YAML)", value: "(document)", problem: "not valid YAML")
            ])
        }
        let log = ConfigLog()
        guard let mapping = root?.mapping else {
            throw ConfigError(issues: [
                ConfigIssue(
                    file: file, line: nil, key: "(root)", value: "(document)",
                    problem: "expected a mapping of keys to values")
            ])
        }
        let top = YAMLFields(mapping: mapping, path: "", file: file, log: log)
        top.rejectUnknownKeys([
            "bundle", "ingress", "egress", "topics", "limits", "purpose", "modes", "metrics", "audit", "adapters",
            "zone_import", "operators", "custody", "cluster", "console",
        ])

        var bundle: URL?
        if let text = top.string("bundle", required: true) {
            let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                bundle = url
            } else {
                top.report("bundle", top.node("bundle"), "no bundle folder at \(url.path)")
            }
        }
        let ingress = top.mapping("ingress", required: true).flatMap {
            broker($0, defaultClientID: "flowgate-ingress", base: base, checkFiles: checkFiles)
        }
        let egressFields = top.mapping("egress", required: true)
        let egress = egressFields.flatMap {
            broker(
                $0, defaultClientID: "flowgate-egress", base: base, checkFiles: checkFiles, extraKeys: ["forward_qos"])
        }
        let forwardQoS = egressFields.flatMap(forwardQoS)
        var policy = CompliancePolicy()
        var statusTopic = "flowgate/status"
        var checkpointTopic: String?
        var gatewayEventsTopic: String?
        if let topics = top.mapping("topics") {
            topics.rejectUnknownKeys([
                "telemetry", "compliant_telemetry", "events", "status", "payload", "compliant_payload", "control",
                "checkpoints", "gateway_events",
            ])
            pattern(topics, "telemetry", stream: false) { policy.topics.telemetry = $0 }
            pattern(topics, "compliant_telemetry", stream: false) { policy.topics.compliantTelemetry = $0 }
            pattern(topics, "events", stream: false) { policy.topics.events = $0 }
            pattern(topics, "payload", stream: true) { policy.topics.payload = $0 }
            pattern(topics, "compliant_payload", stream: true) { policy.topics.compliantPayload = $0 }
            if let status = plainTopic(topics, "status") { statusTopic = status }
            if let control = plainTopic(topics, "control") { policy.topics.control = control }
            checkpointTopic = plainTopic(topics, "checkpoints")
            gatewayEventsTopic = plainTopic(topics, "gateway_events")
        }
        if let limits = top.mapping("limits") {
            limits.rejectUnknownKeys([
                "max_message_bytes", "max_speed_mps", "max_clock_ahead_s", "max_clock_behind_s", "max_fix_age_s",
            ])
            if let bytes = limits.integer("max_message_bytes", in: 256...(16 << 20)) {
                policy.maximumBytes = bytes
                policy.payload.maximumBytes = bytes
            }
            if let age = limits.number("max_fix_age_s", in: 0.1...3_600) { policy.maximumFixAge = age }
            if let speed = limits.number("max_speed_mps", in: 1...1_000) { policy.maximumSpeed = speed }
            if let ahead = limits.number("max_clock_ahead_s", in: 0...3_600) { policy.maximumClockAhead = ahead }
            if let behind = limits.number("max_clock_behind_s", in: 0...86_400) { policy.maximumClockBehind = behind }
        }
        if let purpose = top.mapping("purpose") { purposeLimits(purpose, into: &policy.payload) }
        if let operators = top.mapping("operators") {
            policy.operatorKeys = operatorKeys(operators, base: base, checkFiles: checkFiles)
        }
        if let modes = top.mapping("modes") {
            modes.rejectUnknownKeys(Set(["telemetry_in_breach"] + RuleFamily.allCases.map(\.rawValue)))
            switch modes.string("telemetry_in_breach") {
            case nil, "forward": policy.withholdBreaches = false
            case "withhold": policy.withholdBreaches = true
            default:
                modes.report("telemetry_in_breach", modes.node("telemetry_in_breach"), "must be forward or withhold")
            }
            for family in RuleFamily.allCases {
                switch modes.string(family.rawValue) {
                case nil, "enforce": policy.observing.remove(family)
                case "observe": policy.observing.insert(family)
                default: modes.report(family.rawValue, modes.node(family.rawValue), "must be enforce or observe")
                }
            }
        }
        var metricsPort: UInt16?
        var summaryInterval: Double?
        if let metrics = top.mapping("metrics") {
            metrics.rejectUnknownKeys(["port", "summary_interval_s"])
            metricsPort = metrics.integer("port", in: 1...65_535).map { UInt16($0) }
            summaryInterval = metrics.number("summary_interval_s", in: 1...86_400)
        }
        let adapters = top.mapping("adapters").map { AdapterSettings.read($0, native: policy.topics) }
        let zoneImport = top.mapping("zone_import").flatMap(zoneImport)
        let audit = top.mapping("audit").flatMap { auditSettings($0, base: base, checkFiles: checkFiles) }
        var custody = CustodySettings()
        if let fields = top.mapping("custody") {
            fields.rejectUnknownKeys(["messages", "bytes"])
            if let messages = fields.integer("messages", in: 1...CustodySettings.mostMessages) {
                custody.messages = messages
            }
            if let bytes = fields.integer("bytes", in: CustodySettings.fewestBytes...CustodySettings.mostBytes) {
                custody.bytes = bytes
            }
        }
        let cluster = top.mapping("cluster").flatMap {
            clusterSettings($0, base: base, checkFiles: checkFiles)
        }
        let console = top.mapping("console").map { consoleSettings($0, base: base, checkFiles: checkFiles) }
        if cluster != nil, let adapters, !adapters.subscriptions.isEmpty {
            top.report("cluster", top.node("cluster"), "adapters' topics are not partitioned yet: use native topics")
        }
        guard log.issues.isEmpty, let bundle, let ingress, let egress else { throw ConfigError(issues: log.issues) }
        var config = GatewayConfig(
            bundle: bundle, ingress: ingress, egress: egress, policy: policy, statusTopic: statusTopic)
        config.audit = audit
        config.custody = custody
        config.cluster = cluster
        config.console = console
        if let checkpointTopic { config.checkpointTopic = checkpointTopic }
        if let gatewayEventsTopic { config.gatewayEventsTopic = gatewayEventsTopic }
        if let zoneImport { config.zoneImport = zoneImport }
        config.adapters = adapters ?? AdapterSettings()
        config.metricsPort = metricsPort
        if let forwardQoS { config.forwardQoS = forwardQoS }
        if let summaryInterval { config.summaryInterval = summaryInterval }
        return config
    }

    /// A YAML syntax error with its line and the parser's reason, but none of the document's text: the
    /// file may hold a password.
    static func issue(for error: YamlError, file: String) -> ConfigIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigIssue(
                file: file, line: mark.line, key: "(YAML)", value: "(document)", problem: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigIssue(
                file: file, line: context.mark.line, key: duplicates.joined(separator: ", "), value: "(duplicate)",
                problem: "a key may appear only once in a mapping")
        default:
            return ConfigIssue(file: file, line: nil, key: "(YAML)", value: "(document)", problem: "not valid YAML")
        }
    }

    /// A topic pattern; payload patterns need a `{stream}` level, the others must not have one.
    private static func pattern(_ fields: YAMLFields, _ key: String, stream: Bool, _ apply: (TopicPattern) -> Void) {
        guard let text = fields.string(key) else { return }
        do {
            let pattern = try TopicPattern(text)
            guard pattern.hasStream == stream else {
                fields.report(
                    key, fields.node(key), stream ? "needs one level that is {stream}" : "may not have a {stream} level"
                )
                return
            }
            apply(pattern)
        } catch {
            fields.report(key, fields.node(key), error.problem)
        }
    }

    private static func plainTopic(_ fields: YAMLFields, _ key: String) -> String? {
        guard let topic = fields.string(key) else { return nil }
        guard !topic.isEmpty, !topic.contains("+"), !topic.contains("#") else {
            fields.report(key, fields.node(key), "must be a topic without MQTT wildcards")
            return nil
        }
        return topic
    }

    /// The purpose section: aggregation floors and the optics ceiling, checked as a whole (a ceiling above
    /// 125 px/m is refused with the reason).
    private static func purposeLimits(_ fields: YAMLFields, into policy: inout PayloadPolicy) {
        fields.rejectUnknownKeys(["min_cell_m", "k", "pixel_density_ceiling", "min_depression_deg", "media_references"])
        let cell = fields.number("min_cell_m", in: 0.01...10_000) ?? policy.minimumCellSize
        let k = fields.integer("k", in: 1...1_000) ?? policy.suppressionThreshold
        let ceiling = fields.number("pixel_density_ceiling", in: 0.01...100_000) ?? policy.pixelDensityCeiling
        let depression = fields.number("min_depression_deg", in: 0...90) ?? policy.minimumDepression
        do {
            policy = try PayloadPolicy.validated(
                maximumBytes: policy.maximumBytes, minimumCellSize: cell, suppressionThreshold: k,
                pixelDensityCeiling: ceiling, minimumDepression: depression, allowedProducts: policy.allowedProducts,
                allowedSensorKinds: policy.allowedSensorKinds)
        } catch {
            fields.report(error.setting, fields.node(error.setting), error.problem)
        }
        if let references = fields.mapping("media_references") {
            mediaReferences(references, into: &policy.mediaReferences)
        }
    }

    /// `purpose.media_references`: the schemes and hosts imagery's frame and clip references may name.
    private static func mediaReferences(_ fields: YAMLFields, into policy: inout MediaReferencePolicy) {
        fields.rejectUnknownKeys(["schemes", "hosts"])
        let isName = { (text: String) in
            !text.isEmpty
                && text.utf8.allSatisfy {
                    ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E || $0 == 0x2B
                }
        }
        if let schemes = fields.strings("schemes") {
            for (index, scheme) in schemes.enumerated() where !isName(scheme) || scheme == "data" {
                fields.report(
                    "schemes[\(index)]", fields.node("schemes"),
                    "'\(scheme)' is not a lower-case URI scheme that names stored media (data: is never one)")
            }
            if schemes.isEmpty { fields.report("schemes", fields.node("schemes"), "must name at least one scheme") }
            policy.schemes = Set(schemes)
        }
        if let hosts = fields.strings("hosts") {
            for (index, host) in hosts.enumerated() where !isName(host) {
                fields.report("hosts[\(index)]", fields.node("hosts"), "'\(host)' is not a lower-case host name")
            }
            policy.hosts = Set(hosts)
        }
    }

    /// `operators:`: each operator's name and the public key file its release orders are signed with
    /// (`flowgate streams keygen`).
    private static func operatorKeys(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> [String: Data] {
        var keys: [String: Data] = [:]
        for (key, _) in fields.mapping ?? [:] {
            guard let name = key.string else { continue }
            guard let url = fields.fileURL(name, base: base, mustExist: checkFiles) else { continue }
            // Without the file checks (a syntax check), a key that is not there is left out: no order of that
            // operator is obeyed.
            guard checkFiles || FileManager.default.isReadableFile(atPath: url.path) else { continue }
            do {
                keys[name] = try OperatorKey.readPublicBytes(url.path)
            } catch {
                fields.report(name, fields.node(name), error.problem)
            }
        }
        return keys
    }

    /// `egress.forward_qos`: `arrival` (the default) or 0, 1, 2.
    private static func forwardQoS(_ fields: YAMLFields) -> ForwardQoS? {
        guard let text = fields.string("forward_qos") else { return nil }
        if text == "arrival" { return .arrival }
        if let qos = Int(text), (0...2).contains(qos) { return .fixed(qos) }
        fields.report("forward_qos", fields.node("forward_qos"), "must be arrival, 0, 1 or 2")
        return nil
    }

    private static func broker(
        _ fields: YAMLFields, defaultClientID: String, base: URL, checkFiles: Bool, extraKeys: Set<String> = []
    ) -> BrokerSettings? {
        let keys: Set = [
            "host", "port", "client_id", "username", "password", "password_file", "keepalive_s", "tls", "alternates",
            "switch_after_s",
        ]
        fields.rejectUnknownKeys(keys.union(extraKeys))
        let host = fields.string("host", required: true)
        var tls: TLSSettings?
        if let tlsFields = fields.mapping("tls") {
            tlsFields.rejectUnknownKeys(["ca_file", "cert_file", "key_file"])
            let ca = tlsFields.fileURL("ca_file", base: base, mustExist: checkFiles, required: true)
            let cert = tlsFields.fileURL("cert_file", base: base, mustExist: checkFiles)
            let key = tlsFields.fileURL("key_file", base: base, mustExist: checkFiles)
            if (cert == nil) != (key == nil) {
                tlsFields.report(
                    "cert_file", tlsFields.node("cert_file"),
                    "a client certificate needs its key_file, and a key its cert_file")
            }
            if let ca { tls = TLSSettings(caFile: ca, certificateFile: cert, keyFile: key) }
        }
        let port = fields.integer("port", in: 1...65_535) ?? (tls == nil ? 1883 : 8883)
        let clientID = fields.string("client_id") ?? defaultClientID
        let keepAlive = fields.integer("keepalive_s", in: 5...3_600) ?? 30
        var password = fields.string("password")
        if fields.node("password") != nil, fields.node("password_file") != nil {
            fields.report("password", fields.node("password"), "give password or password_file, not both")
        }
        if let file = fields.fileURL("password_file", base: base, mustExist: checkFiles), checkFiles {
            password = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .newlines)
        }
        if host?.isEmpty == true { fields.report("host", fields.node("host"), "must not be empty") }
        if clientID.isEmpty { fields.report("client_id", fields.node("client_id"), "must not be empty") }
        let alternates = brokerAlternates(fields)
        let switchAfter = fields.node("switch_after_s") == nil ? 3 : fields.number("switch_after_s", in: 0.5...300)
        guard let host, !host.isEmpty, let alternates, let switchAfter else { return nil }
        var settings = BrokerSettings(
            host: host, port: port, clientID: clientID, username: fields.string("username"), password: password,
            keepAlive: keepAlive, tls: tls)
        settings.alternates = alternates
        settings.switchAfter = switchAfter
        return settings
    }

    /// `alternates: ["host:port", ...]`: the other nodes of the broker's cluster, each written `host:port`.
    private static func brokerAlternates(_ fields: YAMLFields) -> [BrokerAddress]? {
        guard let node = fields.node("alternates") else { return [] }
        guard case .sequence(let items) = node else {
            fields.report("alternates", node, "expected a list of host:port addresses")
            return nil
        }
        var addresses: [BrokerAddress] = []
        for (index, item) in items.enumerated() {
            guard let text = item.string, let address = BrokerAddress(text) else {
                fields.report(
                    "alternates[\(index)]", item, "must be host:port (or [v6 address]:port), the port 1 to 65535")
                return nil
            }
            addresses.append(address)
        }
        return addresses
    }
}
