import Foundation
import StrictJSON

/// Reads `authorisations.json`: `{"authorisations": [ … ]}`.
enum AuthorisationReader {
    static let keys: Set<String> = [
        "id", "mission", "purpose", "drones", "operation_areas", "valid_from", "valid_until", "authority",
        "legal_reference", "justification",
    ]

    /// Justifications shorter than this are refused: a case-by-case reason takes a sentence, not "n/a".
    static let minimumJustificationLength = 20

    static func read(_ root: JSONValue, file: String, maximumHours: Double, log: IssueLog) -> [Authorisation] {
        guard
            let top = FieldReader.root(root, file: file, log: log, expected: "an object with an 'authorisations' array")
        else { return [] }
        top.rejectUnknownKeys(allowed: ["authorisations"])
        guard let items = top.array("authorisations") else { return [] }
        var result: [Authorisation] = []
        for (index, item) in items.enumerated() {
            let label = item["id"]?.stringValue.map { "authorisation '\($0)'" } ?? "authorisations[\(index)]"
            guard let fields = item.objectValue else {
                log.add(
                    BundleIssue(
                        file: file, item: label, field: "(authorisation)", value: FieldReader.summary(item),
                        problem: "expected an object"))
                continue
            }
            let reader = FieldReader(object: fields, file: file, item: label, path: "", log: log)
            if let authorisation = readOne(reader, maximumHours: maximumHours) { result.append(authorisation) }
        }
        return result
    }

    private static func readOne(_ reader: FieldReader, maximumHours: Double) -> Authorisation? {
        reader.rejectUnknownKeys(allowed: keys)
        let id = reader.string("id")
        let mission = reader.string("mission")
        let purpose = reader.string("purpose")
        if let purpose, purpose != Authorisation.crowdFlowPurpose {
            reader.report(
                "purpose", .string(purpose), "the only purpose flowgate authorises is \(Authorisation.crowdFlowPurpose)"
            )
        }
        let drones = reader.stringList("drones")
        let areas = reader.stringList("operation_areas")
        let from = reader.time("valid_from")
        let until = reader.time("valid_until")
        let authority = reader.string("authority")
        let legalReference = reader.string("legal_reference")
        let justification = reader.string("justification")
        if let justification, justification.count < minimumJustificationLength {
            reader.report(
                "justification", .string(justification),
                "a case-by-case justification of at least \(minimumJustificationLength) characters is required")
        }
        var windowValid = false
        if let from, let until {
            let hours = until.timeIntervalSince(from) / 3600
            if hours <= 0 {
                reader.report("valid_until", reader.object["valid_until"], "must be after valid_from")
            } else if hours > maximumHours {
                reader.report(
                    "valid_until", reader.object["valid_until"],
                    "validity of \(formatHours(hours)) h exceeds the bundle's maximum of \(formatHours(maximumHours)) h "
                        + "(no blanket authorisation)")
            } else {
                windowValid = true
            }
        }
        guard let id, let mission, purpose == Authorisation.crowdFlowPurpose, let drones, let areas, let from,
            let until, windowValid, let authority, let legalReference, let justification,
            justification.count >= minimumJustificationLength
        else { return nil }
        return Authorisation(
            id: id, mission: mission, drones: drones, operationAreas: areas, validFrom: from, validUntil: until,
            authority: authority, legalReference: legalReference, justification: justification)
    }

    private static func formatHours(_ hours: Double) -> String {
        hours == hours.rounded() ? String(Int(hours)) : String(format: "%.2f", hours)
    }
}
