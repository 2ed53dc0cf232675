public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Exit statuses of child processes, read without Foundation's `waitUntilExit()` (which needs a run loop on
/// Linux) and without reading `terminationStatus` before Foundation knows the child ended (which traps).
public enum ChildProcess {
    /// The exit status (128 + the signal for a child killed by one), or nil when it did not end within `seconds`.
    public static func exitStatus(_ process: Process, within seconds: Double) -> Int32? {
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 100) {
            let result = waitpid(process.processIdentifier, &status, WNOHANG)
            if result == process.processIdentifier {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            // Reaped by Foundation's own monitor: its answer, once it has it.
            if result == -1, !process.isRunning {
                return process.terminationReason == .uncaughtSignal
                    ? 128 + process.terminationStatus : process.terminationStatus
            }
            usleep(10_000)
        }
        return nil
    }

    /// Whether the child `pid` exited within `seconds` (reaped here, or already reaped by Foundation).
    /// Starts `process` with no signal blocked. A child inherits the mask of the thread that spawns it, and this
    /// process blocks SIGTERM, SIGINT, SIGHUP and the user signals on its threads to handle them itself; a
    /// broker started with them blocked never sees the SIGTERM that asks it to save its sessions and stop (a
    /// graceful stop then waited out its grace and killed it, losing what it had not saved). The mask is
    /// cleared on the spawning thread only while it spawns.
    public static func runWithSignalsUnblocked(_ process: Process) throws {
        var none = sigset_t()
        sigemptyset(&none)
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    public static func reap(_ pid: pid_t, within seconds: Double) -> Bool {
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 100) {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && kill(pid, 0) != 0) { return true }
            usleep(10_000)
        }
        return false
    }
}
