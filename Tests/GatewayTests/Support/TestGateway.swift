import Foundation
import Gateway
import Logging
import TestSupport

/// A `ComplianceGateway` on a test broker, judging by the end-to-end tests' airspace, quiet in the log.
enum TestGateway {
    static var logger: Logger {
        var logger = Logger(label: "flowgate-test")
        logger.logLevel = .critical
        return logger
    }

    /// Ingress and egress on the same broker, with client ids `clientID` and `clientID-egress`.
    static func config(_ broker: TestBroker, clientID: String) -> GatewayConfig {
        let ingress = BrokerSettings(host: "127.0.0.1", port: broker.port, clientID: clientID)
        var egress = ingress
        egress.clientID = "\(clientID)-egress"
        return GatewayConfig(bundle: URL(fileURLWithPath: "/"), ingress: ingress, egress: egress)
    }

    static func make(_ config: GatewayConfig) throws -> ComplianceGateway {
        ComplianceGateway(config: config, airspace: try GatewayEndToEndTests.airspace(), logger: logger)
    }
}
