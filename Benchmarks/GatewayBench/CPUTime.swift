import Foundation

/// CPU time (user and system) of the processes a saturation run involves: this one (the load client, the
/// consumer and, in-process, the gateway), the broker and the bridge. Unlike messages per second, what a
/// run costs in CPU hardly depends on what else the machine is doing, so it compares the two systems even on
/// a machine shared with other work.
enum CPUTime {
    /// Seconds of CPU used so far by this process and by every running process whose command line contains
    /// one of `markers` (read from `/proc`).
    static func total(processesMatching markers: [String]) -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let own =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
        return own + pids(matching: markers).compactMap(seconds(of:)).reduce(0, +)
    }

    /// Processes whose command line contains one of `markers`, other than this one.
    static func pids(matching markers: [String]) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            let commandLine = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return markers.contains { commandLine.contains($0) }
        }
    }

    /// utime + stime of a process, from `/proc/{pid}/stat` (fields 14 and 15, in clock ticks).
    static func seconds(of pid: Int32) -> Double? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name in parentheses may hold spaces: count fields after its closing parenthesis.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
