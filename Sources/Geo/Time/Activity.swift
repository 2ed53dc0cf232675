public import Foundation

/// When a zone applies: inside its window (if any) and inside its weekly schedule (if any).
public struct Activity: Sendable, Hashable {
    public var window: ActivityWindow?
    public var schedule: WeeklySchedule?

    public init(window: ActivityWindow? = nil, schedule: WeeklySchedule? = nil) {
        self.window = window
        self.schedule = schedule
    }

    /// Always active: a permanent zone.
    public static let always = Activity()

    public func isActive(at time: Date) -> Bool {
        (window?.contains(time) ?? true) && (schedule?.isActive(at: time) ?? true)
    }
}

/// A span of time: `from` inclusive, `until` exclusive; a missing end is open.
public struct ActivityWindow: Sendable, Hashable {
    public var from: Date?
    public var until: Date?

    /// - Throws: ``WindowError`` when neither end is given or `from` is not before `until`.
    public init(from: Date?, until: Date?) throws(WindowError) {
        if from == nil && until == nil { throw .noBounds }
        if let from, let until, from >= until { throw .emptyWindow(from: from, until: until) }
        self.from = from
        self.until = until
    }

    public func contains(_ time: Date) -> Bool {
        if let from, time < from { return false }
        if let until, time >= until { return false }
        return true
    }

    /// Length of a window closed at both ends; `nil` when open.
    public var duration: TimeInterval? {
        guard let from, let until else { return nil }
        return until.timeIntervalSince(from)
    }

    public enum WindowError: Error, Sendable, Equatable, CustomStringConvertible {
        case noBounds
        case emptyWindow(from: Date, until: Date)

        public var description: String {
            switch self {
            case .noBounds: "a window needs 'from', 'until' or both"
            case .emptyWindow(let from, let until):
                "'from' \(RFC3339.format(from)) is not before 'until' \(RFC3339.format(until))"
            }
        }
    }
}
