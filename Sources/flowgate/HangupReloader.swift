import Gateway
import ServiceLifecycle
import UnixSignals

/// `kill -HUP` on `flowgate run`: the gateway reads its bundle again (``ComplianceGateway/reloadBundle(trigger:)``),
/// as daemons reread their configuration. Until the service group shuts down.
struct HangupReloader: Service {
    let gateway: ComplianceGateway

    func run() async throws {
        // Trapped before the first reload can be asked for, so that a SIGHUP never takes the default action
        // (terminating the gateway).
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                _ = await gateway.reloadBundle(trigger: .sighup)
            }
        }
    }
}
