import Compliance
import Foundation

/// The shared sample files (`../shared/testdata` from the project root), located from this file.
enum Samples {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/testdata")

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }
}

/// The rejection a throwing decode produces, or `nil` when it succeeds.
func rejection<T>(_ body: () throws(Rejection) -> T) -> Rejection? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
