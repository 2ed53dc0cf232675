import ArgumentParser
import Foundation
import LiveConsole

/// `flowgate console add-operator`: appends an operator with a bcrypt hash of the password read from standard
/// input (never from the command line, where other users of the machine could read it).
struct ConsoleAddOperator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-operator",
        abstract: "Add an operator to the console's operators file; the password is read from standard input.",
        discussion: """
            Appends NAME:HASH (bcrypt) to FILE, creating it with mode 0600. The password is the first line of \
            standard input, at least 12 characters: `printf '%s\\n' "$PASSWORD" | flowgate console add-operator \
            --file console-operators alice`.
            """
    )

    @Option(help: "The operators file the configuration's console.operators_file names.")
    var file: String

    @Argument(help: "The operator's name: 1 to 32 letters, digits, '.', '_' or '-'.")
    var name: String

    func validate() throws {
        guard OperatorDirectory.isValidName(name) else {
            throw ValidationError("operator name '\(name)' must be 1 to 32 letters, digits, '.', '_' or '-'")
        }
    }

    func run() throws {
        guard let password = readLine(strippingNewline: true), password.count >= 12 else {
            throw CommandFailure("give the password (at least 12 characters) on standard input")
        }
        let url = URL(fileURLWithPath: file)
        if FileManager.default.fileExists(atPath: file) {
            let existing: OperatorDirectory
            do {
                existing = try OperatorDirectory.load(url)
            } catch {
                throw CommandFailure(error.description)
            }
            guard !existing.contains(name) else {
                throw CommandFailure("\(file): operator '\(name)' is already listed")
            }
        } else if !FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600]) {
            throw CommandFailure("\(file): cannot be created")
        }
        guard let handle = FileHandle(forWritingAtPath: file) else {
            throw CommandFailure("\(file): cannot be written")
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((OperatorDirectory.line(name: name, password: password) + "\n").utf8))
        print("\(name) added to \(file)")
    }
}
