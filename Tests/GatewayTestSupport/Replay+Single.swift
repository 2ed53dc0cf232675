public import Pipeline
public import StrictJSON

extension Replay {
    /// The output line of a message that makes exactly one decision (every format but a Remote ID flights
    /// response); stops the test when it makes another number.
    public mutating func single(_ message: RecordedMessage, line: Int) -> JSONObject {
        let lines = run(message, line: line)
        precondition(lines.count == 1, "\(message.topic) made \(lines.count) decisions, not one")
        return lines[0]
    }
}
