import Foundation
import Testing

@testable import Compliance

/// `Docs/IDENTIFICATION.md` lists the whole vocabulary: a term added to the code and not to the document fails.
@Suite("The identification document")
struct IdentificationDocTests {
    static let document: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs/IDENTIFICATION.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let everyTerm: [String] =
        IdentificationVocabulary.groups.flatMap { $0.identifying + $0.subjects + $0.qualifiers }
        + IdentificationVocabulary.innocent

    @Test("every term of the vocabulary is listed")
    func listed() {
        #expect(!Self.document.isEmpty)
        let missing = Self.everyTerm.filter { !Self.document.contains("`\($0)`") }
        #expect(missing.isEmpty, "not in Docs/IDENTIFICATION.md: \(missing)")
    }

    @Test("each category is documented with its source", arguments: IdentificationVocabulary.groups)
    func category(group: IdentificationVocabulary.Group) {
        #expect(Self.document.contains("### \(group.category.rawValue) (source: "))
    }

    @Test("every identifying term is matched by the classifier as written in the vocabulary")
    func everyTermMatches() {
        for group in IdentificationVocabulary.groups {
            for term in group.identifying {
                #expect(IdentificationClassifier.match(term) != nil, "\(term)")
            }
            for subject in group.subjects {
                for qualifier in group.qualifiers where qualifier != subject {
                    #expect(IdentificationClassifier.match("\(subject)_\(qualifier)") != nil, "\(subject)_\(qualifier)")
                }
            }
        }
    }
}
