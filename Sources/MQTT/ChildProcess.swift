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
