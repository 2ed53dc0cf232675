/// What a truth message and a decision are matched by: the topic and the payload's digest.
extension TruthLine {
    var key: String { "\(topic)\u{0}\(digest)" }
}

extension ActualDecision {
    var key: String { "\(topic)\u{0}\(digest)" }
}
