import Audit
import Compliance
import Foundation
import Gateway
import Testing

@Suite("Reading the gateway configuration")
struct ConfigReaderTests {
    @Test("the shipped example loads with what it says, once its signing key is made")
    func example() throws {
        let copy = try ExampleConfigCopy(key: true)
        defer { copy.remove() }
        let config = try ConfigReader.load(file: copy.config, checkFiles: true)
        #expect(
            config.bundle.resolvingSymlinksInPath().path == Package.demoBundle.resolvingSymlinksInPath().path)
        #expect(config.ingress.host == "127.0.0.1")
        #expect(config.ingress.port == 1883)
        #expect(config.ingress.clientID == "flowgate-ingress")
        #expect(config.ingress.username == "flowgate-ingress")
        #expect(config.egress.username == "flowgate-egress")
        #expect(config.ingress.password == nil)
        #expect(config.ingress.keepAlive == 30)
        #expect(config.ingress.tls == nil)
        #expect(config.egress.clientID == "flowgate-egress")
        #expect(config.egress.port == 1883)
        #expect(config.policy == CompliancePolicy())
        #expect(config.statusTopic == "flowgate/status")
        // Signed by default: the key it names, the note file beside the record, the retained topic.
        let audit = try #require(config.audit)
        let key = try CheckpointVerifier(publicKeyFile: copy.key.path + ".pub")
        #expect(audit.options.signer?.keyID == key.keyID)
        #expect(
            audit.options.checkpointNoteFile
                == copy.root.appendingPathComponent("Deploy/flowgate-audit.checkpoints").path)
        #expect(config.checkpointTopic == "flowgate/checkpoints")
    }

    @Test("without its signing key, the shipped example names the key file and the command that makes it")
    func exampleWithoutKey() throws {
        let copy = try ExampleConfigCopy(key: false)
        defer { copy.remove() }
        #expect(throws: ConfigError.self) { try ConfigReader.load(file: copy.config, checkFiles: true) }
        do {
            _ = try ConfigReader.load(file: copy.config, checkFiles: true)
        } catch {
            let issue = try #require(error.issues.issue("audit.checkpoint.key_file"), "\(error)")
            #expect(error.issues.count == 1)
            #expect(
                issue.problem
                    == "no key file at \(copy.key.path); create it with: flowgate audit keygen --out \(copy.key.path)")
        }
        // Replay and release orders do not sign: they load it without the key.
        #expect(try ConfigReader.load(file: copy.config, checkFiles: false).audit?.options.signer == nil)
    }

    @Test("audit.checkpoint is required: a key, or an explicit none")
    func checkpointChoice() throws {
        let audit = minimalYAML + "\naudit:\n  path: r.sqlite\n"
        let missing = try ConfigFolder.with { $0.issues(audit) }
        #expect(missing.map(\.key) == ["audit.checkpoint"])
        #expect(missing.first?.problem.contains("flowgate audit keygen --out FILE") == true)
        #expect(missing.first?.problem.contains("`none`") == true)
        let unsigned = try ConfigFolder.with { try $0.load(audit + "  checkpoint: none\n") }
        #expect(unsigned.audit?.options.signer == nil)
        #expect(
            try ConfigFolder.with { $0.issues(audit + "  checkpoint: off\n") }.map(\.problem) == [
                "expected `none` or a mapping"
            ])
        let signed = try ConfigFolder.with { folder in
            try CheckpointSigner.generateKeyPair(
                privateKeyFile: folder.url.appendingPathComponent("k").path,
                publicKeyFile: folder.url.appendingPathComponent("k.pub").path)
            let yaml =
                audit + "  checkpoint:\n    key_file: k\n    note_file: notes/r.checkpoints\n    every_records: 5\n"
                + "    every_s: 2\n"
            let missingFolder = folder.issues(yaml)
            #expect(missingFolder.map(\.key) == ["audit.checkpoint.note_file"])
            try folder.makeFolder("notes")
            return (try folder.load(yaml + "topics:\n  checkpoints: oversight/checkpoints\n"), folder.url)
        }
        let options = try #require(signed.0.audit?.options)
        #expect(options.signer != nil)
        #expect(options.checkpointNoteFile == signed.1.appendingPathComponent("notes/r.checkpoints").path)
        #expect(options.checkpointEveryRecords == 5 && options.checkpointIntervalSeconds == 2)
        #expect(signed.0.checkpointTopic == "oversight/checkpoints")
    }

    @Test("missing sections and keys take their defaults")
    func defaults() throws {
        let config = try ConfigFolder.with { try $0.load(minimalYAML) }
        #expect(config.ingress.port == 1883)
        #expect(config.ingress.clientID == "flowgate-ingress")
        #expect(config.egress.clientID == "flowgate-egress")
        #expect(config.ingress.username == nil)
        #expect(config.ingress.password == nil)
        #expect(config.ingress.keepAlive == 30)
        #expect(config.ingress.tls == nil)
        #expect(config.policy == CompliancePolicy())
        #expect(config.statusTopic == "flowgate/status")
    }

    @Test("an empty value counts as not given")
    func nullValues() throws {
        let config = try ConfigFolder.with {
            try $0.load(minimalYAML + "\ntopics:\nlimits: ~\nmodes:\n  telemetry_in_breach:\n")
        }
        #expect(config.policy == CompliancePolicy())
    }

    @Test("every setting is read")
    func everything() throws {
        let yaml = """
            bundle: bundle
            ingress:
              host: in.example
              port: 8884
              client_id: gw-in
              username: gw
              password: s3cret
              keepalive_s: 60
            egress:
              host: out.example
              tls:
                ca_file: tls/ca.pem
                cert_file: tls/gw.crt
                key_file: tls/gw.key
            topics:
              telemetry: thing/product/{drone}/osd
              compliant_telemetry: ops/{drone}/position
              events: ops/{drone}/events
              status: ops/status
            limits:
              max_message_bytes: 4096
              max_speed_mps: 25.5
              max_clock_ahead_s: 1
              max_clock_behind_s: 10
            modes:
              telemetry_in_breach: withhold
            """
        let config = try ConfigFolder.with { folder in
            for file in ["tls/ca.pem", "tls/gw.crt", "tls/gw.key"] { try folder.write(file, "x") }
            let config = try folder.load(yaml)
            #expect(config.egress.tls?.caFile.path == folder.url.appendingPathComponent("tls/ca.pem").path)
            #expect(config.egress.tls?.certificateFile?.path == folder.url.appendingPathComponent("tls/gw.crt").path)
            #expect(config.egress.tls?.keyFile?.path == folder.url.appendingPathComponent("tls/gw.key").path)
            return config
        }
        #expect(config.ingress.host == "in.example")
        #expect(config.ingress.port == 8884)
        #expect(config.ingress.clientID == "gw-in")
        #expect(config.ingress.username == "gw")
        #expect(config.ingress.password == "s3cret")
        #expect(config.ingress.keepAlive == 60)
        #expect(config.egress.host == "out.example")
        #expect(config.egress.port == 8883, "TLS without a port defaults to 8883")
        #expect(config.policy.topics.telemetry.description == "thing/product/{drone}/osd")
        #expect(config.policy.topics.compliantTelemetry.description == "ops/{drone}/position")
        #expect(config.policy.topics.events.description == "ops/{drone}/events")
        #expect(config.statusTopic == "ops/status")
        #expect(config.policy.maximumBytes == 4096)
        #expect(config.policy.maximumSpeed == 25.5)
        #expect(config.policy.maximumClockAhead == 1)
        #expect(config.policy.maximumClockBehind == 10)
        #expect(config.policy.withholdBreaches)
    }

    @Test("every problem is reported in one pass, each with its key path, line and value")
    func allProblemsAtOnce() throws {
        let yaml = """
            bundle: bundle
            ingress:
              host: broker
              port: 0
              colour: blue
            egress:
              host: broker
              port: 70000
            topics:
              telemetry: fleet/telemetry
            limits:
              max_speed_mps: fast
              max_message_bytes: 100
            modes:
              telemetry_in_breach: maybe
            extra: 1
            """
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        let expected: [(String, Int, String, String)] = [
            ("ingress.port", 4, "\"0\"", "must be between 1 and 65535"),
            ("ingress.colour", 5, "\"blue\"", "unknown key"),
            ("egress.port", 8, "\"70000\"", "must be between 1 and 65535"),
            ("topics.telemetry", 10, "\"fleet/telemetry\"", "{drone}"),
            ("limits.max_speed_mps", 12, "\"fast\"", "expected a number"),
            ("limits.max_message_bytes", 13, "\"100\"", "must be between 256 and"),
            ("modes.telemetry_in_breach", 15, "\"maybe\"", "must be forward or withhold"),
            ("extra", 16, "\"1\"", "unknown key"),
        ]
        #expect(issues.count == expected.count, "\(issues)")
        for (key, line, value, problem) in expected {
            let issue = try #require(issues.issue(key), "no issue for \(key) in \(issues)")
            #expect(issue.line == line, "\(key)")
            #expect(issue.value == value, "\(key)")
            #expect(issue.problem.contains(problem), "\(key): \(issue.problem)")
            #expect(issue.file.hasSuffix("flowgate.yaml"))
            #expect(issue.description.hasSuffix(":\(line): \(key) = \(value): \(issue.problem)"))
        }
    }

    @Test("an unknown key lists the known ones")
    func unknownKeyListsKnown() throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nlimts: 10\n") }
        let issue = try #require(issues.issue("limts"))
        #expect(issue.line == 6)
        #expect(issue.value == "\"10\"")
        #expect(
            issue.problem.contains(
                "known: adapters, audit, bundle, cluster, console, custody, egress, ingress, limits, metrics, modes, operators, purpose, topics"
            ))
    }

    @Test("an unknown key whose value is a mapping is located at the key's own line")
    func unknownSectionLine() throws {
        // Line 6 is `limts:`; line 7 is its first member.
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nlimts:\n  max_speed_mps: 10\n") }
        let issue = try #require(issues.issue("limts"))
        #expect(issue.value == "(a mapping)")
        #expect(issue.line == 6)
    }

    @Test(
        "port 0 and 70000 are refused; 1 and 65535 accepted",
        arguments: [(0, false), (1, true), (65_535, true), (70_000, false)])
    func ports(port: Int, valid: Bool) throws {
        let yaml = minimalYAML + "\n  port: \(port)\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        #expect(issues.isEmpty == valid, "\(issues)")
        if !valid { #expect(issues.map(\.key) == ["egress.port"]) }
    }

    @Test(
        "egress.forward_qos: the arrival QoS by default, or a fixed 0, 1, 2",
        arguments: [
            (nil, ForwardQoS.arrival), ("arrival", .arrival), ("0", .fixed(0)), ("1", .fixed(1)), ("2", .fixed(2)),
        ] as [(String?, ForwardQoS)])
    func forwardQoS(value: String?, expected: ForwardQoS) throws {
        let config = try ConfigFolder.with {
            try $0.load(minimalYAML + (value.map { "\n  forward_qos: \($0)\n" } ?? ""))
        }
        #expect(config.forwardQoS == expected)
        #expect(config.forwardQoS.qos(arrival: 0) == (value == nil || value == "arrival" ? 0 : Int(value!)!))
    }

    @Test(
        "egress.forward_qos must be arrival, 0, 1 or 2; the ingress broker has none",
        arguments: ["3", "-1", "high", "[1]"])
    func badForwardQoS(value: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\n  forward_qos: \(value)\n") }
        let issue = try #require(issues.issue("egress.forward_qos"), "\(issues)")
        #expect(issues.count == 1)
        #expect(issue.value == (value == "[1]" ? "(a list)" : "\"\(value)\""))
        #expect(issue.problem == (value == "[1]" ? "expected text" : "must be arrival, 0, 1 or 2"))
        let ingress = try ConfigFolder.with {
            $0.issues(minimalYAML.replacingOccurrences(of: "ingress:\n", with: "ingress:\n  forward_qos: 1\n"))
        }
        #expect(ingress.map(\.key) == ["ingress.forward_qos"])
    }

    @Test("the audit section: every key read, relative to the file's folder; defaults for the rest")
    func auditSection() throws {
        let yaml =
            minimalYAML
            + "\naudit:\n  path: rec.sqlite\n  batch_window_ms: 50\n  queue_capacity: 64\n  track_interval_s: 2\n"
            + "  tally_interval_s: 30\n  payload_summary_interval_s: 0\n  retention_days: 7\n  checkpoint: none\n"
        let (config, folder) = try ConfigFolder.with { (try $0.load(yaml), $0.url) }
        let audit = try #require(config.audit)
        #expect(audit.path.path == folder.appendingPathComponent("rec.sqlite").path)
        #expect(audit.options.batchWindow == .milliseconds(50))
        #expect(audit.options.queueCapacity == 64)
        #expect(audit.trackInterval == 2 && audit.tallyInterval == 30 && audit.payloadSummaryInterval == 0)
        #expect(audit.options.retentionDays == 7)
        let defaults = try #require(
            try ConfigFolder.with { try $0.load(minimalYAML + "\naudit:\n  path: r.sqlite\n  checkpoint: none\n") }
                .audit)
        #expect(defaults.trackInterval == 1 && defaults.tallyInterval == 10 && defaults.payloadSummaryInterval == 1)
    }

    @Test("durable_commits: true or false, nothing else")
    func durableCommits() throws {
        let base = minimalYAML + "\naudit:\n  path: r.sqlite\n  checkpoint: none\n"
        let durable = try ConfigFolder.with { try $0.load(base + "  durable_commits: true\n") }.audit
        #expect(durable?.options.durableCommits == true)
        let plain = try ConfigFolder.with { try $0.load(base) }.audit
        #expect(plain?.options.durableCommits == false)
        for value in ["yes", "1", "\"true\""] {
            let issues = try ConfigFolder.with { $0.issues(base + "  durable_commits: \(value)\n") }
            #expect(issues.map(\.key) == ["audit.durable_commits"], "\(value): \(issues)")
            #expect(issues.first?.problem == "expected true or false")
        }
    }

    @Test("custody: messages and bytes read; defaults 256 and 8 MiB; out of range refused, naming the key")
    func custodyWindow() throws {
        let set = try ConfigFolder.with { try $0.load(minimalYAML + "\ncustody: {messages: 32, bytes: 1048576}\n") }
        #expect(set.custody.messages == 32 && set.custody.bytes == 1 << 20)
        let defaults = try ConfigFolder.with { try $0.load(minimalYAML) }
        #expect(defaults.custody.messages == 256 && defaults.custody.bytes == 8 << 20)
        for (key, value) in [("messages", "0"), ("messages", "70000"), ("bytes", "1024"), ("bytes", "2147483648")] {
            let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\ncustody: {\(key): \(value)}\n") }
            #expect(issues.map(\.key) == ["custody.\(key)"], "\(key) \(value): \(issues)")
        }
    }

    @Test(
        "audit intervals out of range are refused, naming the key",
        arguments: [
            ("payload_summary_interval_s", "-1"), ("payload_summary_interval_s", "7200"), ("tally_interval_s", "0"),
        ])
    func auditIntervals(key: String, value: String) throws {
        let yaml = minimalYAML + "\naudit:\n  path: r.sqlite\n  checkpoint: none\n  \(key): \(value)\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        #expect(issues.map(\.key) == ["audit.\(key)"], "\(issues)")
    }

    @Test("a port that is not a whole number is refused", arguments: ["1883.5", "high", "[1883]"])
    func portType(value: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\n  port: \(value)\n") }
        #expect(issues.map(\.key) == ["egress.port"])
        #expect(issues.first?.problem == "expected a whole number")
    }

    @Test("telemetry_in_breach must be forward or withhold", arguments: ["maybe", "true", "Forward", "block"])
    func breachMode(value: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nmodes:\n  telemetry_in_breach: \(value)\n") }
        let issue = try #require(issues.issue("modes.telemetry_in_breach"))
        #expect(issue.value == "\"\(value)\"")
        #expect(issue.line == 7)
    }

    @Test(
        "a topic pattern without exactly one {drone}, or with wildcards, is refused",
        arguments: [
            ("telemetry", "fleet/telemetry"), ("telemetry", "fleet/+/telemetry"), ("events", "flowgate/events/#"),
            ("compliant_telemetry", "compliant/{drone}/{drone}"), ("events", "flowgate//{drone}"),
        ])
    func badPattern(key: String, pattern: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\ntopics:\n  \(key): \(pattern)\n") }
        let issue = try #require(issues.issue("topics.\(key)"), "\(issues)")
        #expect(issue.value == "\"\(pattern)\"")
        #expect(issue.line == 7)
        #expect(issues.count == 1)
    }

    @Test(
        "the status topic may not hold MQTT wildcards: it is published to", arguments: ["flowgate/#", "+/status", ""])
    func statusTopic(topic: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\ntopics:\n  status: \"\(topic)\"\n") }
        #expect(issues.map(\.key) == ["topics.status"], "a status topic '\(topic)' was accepted")
    }

    @Test(
        "a limit out of range names the range",
        arguments: [
            ("max_message_bytes", "255", "must be between 256 and 16777216"),
            ("max_speed_mps", "0", "must be between 1 and 1000"),
            ("max_clock_ahead_s", "-1", "must be between 0 and 3600"),
            ("max_clock_behind_s", "86401", "must be between 0 and 86400"),
            ("max_speed_mps", ".inf", "expected a number"),
            ("max_speed_mps", ".nan", "expected a number"),
        ])
    func limits(key: String, value: String, problem: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nlimits:\n  \(key): \(value)\n") }
        #expect(issues.map(\.key) == ["limits.\(key)"])
        #expect(issues.first?.problem == problem)
    }

    @Test("missing ingress and egress are reported as required")
    func missingSections() throws {
        let issues = try ConfigFolder.with { $0.issues("bundle: bundle\n") }
        #expect(issues.map(\.key) == ["ingress", "egress"])
        #expect(issues.allSatisfy { $0.value == "(missing)" && $0.problem == "is required" })
        #expect(issues.allSatisfy { $0.line == 1 })
    }

    @Test("a broker without host, and a section of the wrong shape, are reported")
    func brokerShape() throws {
        let issues = try ConfigFolder.with { $0.issues("bundle: bundle\ningress:\n  port: 1883\negress: broker\n") }
        #expect(issues.map(\.key) == ["ingress.host", "egress"])
        #expect(issues.issue("ingress.host")?.problem == "is required")
        #expect(issues.issue("egress")?.value == "\"broker\"")
        #expect(issues.issue("egress")?.line == 4)
    }

    @Test("a missing bundle folder is reported with the path looked at; so is a file in its place")
    func bundleMissing() throws {
        try ConfigFolder.with(bundle: false) { folder in
            let missing = folder.issues(minimalYAML)
            #expect(missing.map(\.key) == ["bundle"])
            #expect(missing.first?.line == 1)
            #expect(missing.first?.value == "\"bundle\"")
            #expect(missing.first?.problem == "no bundle folder at \(folder.url.appendingPathComponent("bundle").path)")
            try folder.write("bundle", "not a folder")
            #expect(folder.issues(minimalYAML).map(\.key) == ["bundle"])
            #expect(folder.issues("ingress:\n  host: h\negress:\n  host: h\n").map(\.key) == ["bundle"])
        }
    }

    @Test("a client certificate without its key, or a key without its certificate, is refused")
    func certificateWithoutKey() throws {
        for (given, key) in [
            ("cert_file: c.pem", "ingress.tls.cert_file"), ("key_file: k.pem", "ingress.tls.cert_file"),
        ] {
            let yaml =
                "bundle: bundle\ningress:\n  host: h\n  tls:\n    ca_file: ca.pem\n    \(given)\negress:\n  host: h\n"
            let issues = try ConfigFolder.with { $0.issues(yaml, checkFiles: false) }
            #expect(issues.map(\.key) == [key], "\(given)")
            #expect(issues.first?.problem.contains("key_file") == true)
        }
    }

    @Test("TLS needs its CA file")
    func tlsWithoutCA() throws {
        let yaml = """
            bundle: bundle
            ingress:
              host: h
              tls:
                cert_file: c.pem
                key_file: k.pem
            egress:
              host: h
            """
        let issues = try ConfigFolder.with { $0.issues(yaml, checkFiles: false) }
        #expect(issues.map(\.key) == ["ingress.tls.ca_file"])
    }

    @Test("password and password_file together are refused")
    func passwordTwice() throws {
        let yaml = "bundle: bundle\ningress:\n  host: h\n  password: a\n  password_file: pw\negress:\n  host: h\n"
        let issues = try ConfigFolder.with { folder in
            try folder.write("pw", "b\n")
            return folder.issues(yaml)
        }
        #expect(issues.map(\.key) == ["ingress.password"])
        #expect(issues.first?.line == 4)
        #expect(issues.first?.value == "\"a\"")
    }

    @Test("a missing password_file is refused when files are checked, accepted when not")
    func missingPasswordFile() throws {
        let yaml = "bundle: bundle\ningress:\n  host: h\n  password_file: secrets/pw\negress:\n  host: h\n"
        try ConfigFolder.with { folder in
            let issues = folder.issues(yaml, checkFiles: true)
            #expect(issues.map(\.key) == ["ingress.password_file"])
            #expect(issues.first?.line == 4)
            #expect(issues.first?.value == "\"secrets/pw\"")
            #expect(
                issues.first?.problem == "no readable file at \(folder.url.appendingPathComponent("secrets/pw").path)")
            let config = try folder.load(yaml, checkFiles: false)
            #expect(config.ingress.password == nil)
        }
    }

    @Test("a password file is read, without its final newline")
    func passwordFile() throws {
        let yaml = "bundle: bundle\ningress:\n  host: h\n  password_file: secrets/pw\negress:\n  host: h\n"
        let config = try ConfigFolder.with { folder in
            try folder.write("secrets/pw", "correct horse\n")
            return try folder.load(yaml)
        }
        #expect(config.ingress.password == "correct horse")
    }

    @Test("missing TLS files are refused when files are checked, accepted when not")
    func missingTLSFiles() throws {
        let yaml = "bundle: bundle\ningress:\n  host: h\n  tls:\n    ca_file: ca.pem\negress:\n  host: h\n"
        try ConfigFolder.with { folder in
            #expect(folder.issues(yaml).map(\.key) == ["ingress.tls.ca_file"])
            #expect(folder.issues(yaml, checkFiles: false).isEmpty)
        }
    }

    @Test(
        "invalid YAML is reported as such",
        arguments: ["ingress: [unclosed", "a: b: c", "\tingress:\n\t\thost: h", "key: 'open"])
    func invalidYAML(text: String) throws {
        let issues = try ConfigFolder.with { $0.issues(text) }
        #expect(issues.count == 1)
        #expect(issues.first?.key == "(YAML)")
        #expect(issues.first?.problem.hasPrefix("not valid YAML") == true)
    }

    @Test("invalid YAML is located by its line")
    func invalidYAMLLine() throws {
        let yaml = "bundle: bundle\ningress:\n  host: h\negress:\n  host: [unclosed\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        #expect(issues.map(\.key) == ["(YAML)"])
        #expect(issues.first?.line != nil, "\(issues)")
    }

    @Test("an invalid YAML report does not quote the file: an inline password stays out of the logs")
    func invalidYAMLQuotesNoSecret() throws {
        // A duplicate key further down: Yams' message quotes the document up to it.
        let yaml = "bundle: bundle\ningress:\n  host: h\n  password: hunter2-QZX\negress:\n  host: h\n  host: i\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        // The duplicate is named in the key column; the rest of the document is not repeated.
        #expect(issues.map(\.key) == ["host"])
        #expect(issues.first?.line != nil)
        #expect(!issues.description.contains("hunter2-QZX"), "\(issues)")
    }

    @Test("a document that is not a mapping is refused", arguments: ["", "- a\n- b\n", "just text", "~"])
    func notAMapping(text: String) throws {
        let issues = try ConfigFolder.with { $0.issues(text) }
        #expect(issues.map(\.key) == ["(root)"])
    }

    @Test("a file that cannot be read is reported")
    func unreadable() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).yaml")
        let error = try #require(throws: ConfigError.self) { try ConfigReader.load(file: missing) }
        #expect(error.issues.map(\.key) == ["(file)"])
        #expect(error.issues.first?.file == missing.path)
    }

    @Test("relative paths are resolved against the configuration file's folder, absolute ones kept")
    func relativePaths() throws {
        try ConfigFolder.with(bundle: false) { folder in
            try folder.makeFolder("sites/demo")
            try folder.write("tls/ca.pem", "x")
            try folder.write("secrets/pw", "pw")
            let yaml = """
                bundle: sites/demo
                ingress:
                  host: h
                  password_file: secrets/pw
                  tls:
                    ca_file: tls/ca.pem
                egress:
                  host: h
                  tls:
                    ca_file: \(folder.url.appendingPathComponent("tls/ca.pem").path)
                """
            // The working directory (the package root, or wherever the tests run) holds none of these.
            #expect(!FileManager.default.fileExists(atPath: "sites/demo"))
            let config = try folder.load(yaml)
            #expect(config.bundle.path == folder.url.appendingPathComponent("sites/demo").path)
            #expect(config.ingress.tls?.caFile.path == folder.url.appendingPathComponent("tls/ca.pem").path)
            #expect(config.ingress.password == "pw")
            #expect(config.egress.tls?.caFile.path == folder.url.appendingPathComponent("tls/ca.pem").path)
        }
    }

    @Test("a configuration parsed from text resolves paths against the given base")
    func parseWithBase() throws {
        let config = try ConfigReader.parse(
            yaml: "bundle: Geofences/berlin-pariser-platz\ningress:\n  host: h\negress:\n  host: h\n",
            file: "inline.yaml", base: Package.root, checkFiles: true)
        #expect(config.bundle.path == Package.demoBundle.path)
        let error = try #require(throws: ConfigError.self) {
            try ConfigReader.parse(yaml: "bundle: nowhere\n", file: "inline.yaml", base: Package.root, checkFiles: true)
        }
        #expect(error.issues.allSatisfy { $0.file == "inline.yaml" })
        #expect(error.description.contains("inline.yaml:1: bundle = \"nowhere\": no bundle folder at"))
    }

    @Test("duplicate keys are not silently resolved")
    func duplicateKeys() throws {
        let yaml = minimalYAML + "\nmodes:\n  telemetry_in_breach: withhold\nmodes:\n  telemetry_in_breach: forward\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        #expect(issues.map(\.key) == ["modes"], "\(issues)")
        #expect(issues.first?.problem == "a key may appear only once in a mapping")
    }
}
