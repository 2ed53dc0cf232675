import FlyingSocks
import Logging
import Synchronization

/// FlyingFox's log lines, through the gateway's logger. The server reports its own stop as an error ("server
/// error: ..."), which at a clean shutdown is the expected end, not a critical event: once ``stopping()`` is
/// called, its errors are logged at debug level.
final class MetricsServerLogger: FlyingSocks.Logging {
    private let logger: Logger
    private let isStopping = Atomic<Bool>(false)

    init(_ logger: Logger) { self.logger = logger }

    func stopping() { isStopping.store(true, ordering: .sequentiallyConsistent) }

    private var stopped: Bool { isStopping.load(ordering: .sequentiallyConsistent) }

    func logDebug(_ debug: @autoclosure () -> String) { logger.debug("metrics: \(debug())") }
    func logInfo(_ info: @autoclosure () -> String) { logger.debug("metrics: \(info())") }
    func logWarning(_ warning: @autoclosure () -> String) { logger.warning("metrics: \(warning())") }

    func logError(_ error: @autoclosure () -> String) {
        if stopped { logger.debug("metrics: \(error())") } else { logger.error("metrics: \(error())") }
    }

    func logCritical(_ critical: @autoclosure () -> String) {
        if stopped { logger.debug("metrics: \(critical())") } else { logger.critical("metrics: \(critical())") }
    }
}
