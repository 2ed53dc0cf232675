extension Scorecard {
    /// The scorecard for people: the confusion matrix of verdicts, reasons with precision and recall, faults
    /// with their recall, false blocks of compliant traffic and missing messages.
    public func report() -> String {
        var lines: [String] = []
        let decided = truthMessages - missing
        lines.append(
            "Scorecard: \(truthMessages) messages in the truth, \(decided) decided by the gateway, \(missing) missing, "
                + "\(unexpected) not in the truth")
        lines.append("")
        lines.append("Verdicts (rows: truth, columns: gateway)")
        // Absorb appears only when there are status messages, so a native exercise's matrix is as it always was.
        let absorbed = matrix[.absorb] != nil || matrix.values.contains { $0[.absorb] != nil }
        let verdicts = ExpectedVerdict.allCases.filter { $0 != .absorb || absorbed }
        let columns: [ExpectedVerdict?] = verdicts + [nil]
        lines.append(pad("", 12) + columns.map { pad($0?.rawValue ?? "missing", 10, right: true) }.joined())
        for row in verdicts {
            lines.append(
                pad("  " + row.rawValue, 12)
                    + columns.map { pad(String(matrix[row]?[$0] ?? 0), 10, right: true) }.joined())
        }
        let share = truthMessages == 0 ? "" : " (\(Scorecard.percent(Double(agreements) / Double(truthMessages))))"
        lines.append("Verdicts agree: \(agreements) of \(truthMessages)\(share)")
        lines.append("False blocks of compliant traffic: \(falseBlocks) of \(compliantMessages)")
        lines.append("")
        lines.append(
            pad("Reasons", 30) + ["TP", "FP", "FN", "precision", "recall"].map { pad($0, 10, right: true) }.joined())
        for score in reasons {
            let cells = [
                String(score.truePositives), String(score.falsePositives), String(score.falseNegatives),
                score.precision.map(Scorecard.percent) ?? "-", score.recall.map(Scorecard.percent) ?? "-",
            ]
            lines.append(pad("  " + score.code, 30) + cells.map { pad($0, 10, right: true) }.joined())
        }
        lines.append("")
        lines.append(pad("Faults", 30) + ["messages", "detected", "recall"].map { pad($0, 10, right: true) }.joined())
        for score in faults {
            let cells = [String(score.messages), String(score.detected), score.recall.map(Scorecard.percent) ?? "-"]
            lines.append(pad("  " + score.fault, 30) + cells.map { pad($0, 10, right: true) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }
}
