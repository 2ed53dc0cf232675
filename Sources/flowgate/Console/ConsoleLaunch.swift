import Compliance
import Foundation
import Gateway
import LiveConsole
import Logging

/// What a gateway with a console needs before it is made: a tap for the decisions, and the console's signing key
/// listed among the operators' keys, so that the four-eyes releases take the control topic's path.
struct ConsoleLaunch {
    let settings: ConsoleSettings
    let signer = ConsoleSigner()
    let tap = DecisionTap()

    /// The console's settings: the configuration's `console:`, at the address `--console` gives when it does.
    /// - Returns: `nil` when neither asks for a console.
    static func settings(config: GatewayConfig, address: String?) throws -> ConsoleSettings? {
        guard let address else { return config.console }
        var settings = config.console ?? ConsoleSettings()
        do {
            try settings.listen(on: address)
        } catch {
            throw CommandFailure(error.description)
        }
        return settings
    }

    /// Lists the console's key in the policy under ``ConsoleSigner/name``.
    /// - Throws: when the configuration already lists an operator of that name.
    func prepare(_ config: inout GatewayConfig) throws {
        guard config.policy.operatorKeys[ConsoleSigner.name] == nil else {
            throw CommandFailure(
                "operators: '\(ConsoleSigner.name)' is the live console's own name; give that operator another one")
        }
        config.policy.operatorKeys[ConsoleSigner.name] = signer.publicKeyBytes
    }

    /// The console's service for a gateway made with ``tap``.
    func server(
        gateway: ComplianceGateway, exercise: (any ExerciseControl)? = nil, logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> ConsoleServer {
        let operators: OperatorDirectory?
        do {
            operators = try settings.operatorsFile.map(OperatorDirectory.load)
        } catch {
            throw CommandFailure("console.operators_file: \(error.description)")
        }
        return ConsoleServer(
            settings: settings, gateway: gateway, signer: signer, operators: operators, exercise: exercise,
            logger: logger, onListening: onListening)
    }
}
