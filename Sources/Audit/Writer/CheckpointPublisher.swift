import Foundation

/// Publishes each signed checkpoint outside the database once its batch is committed: appended to the note
/// file (when one is configured) and handed to whoever reads ``AuditLog/checkpointNotes`` (the gateway puts
/// each on a retained MQTT topic). After the commit, so a published checkpoint is always in the file; a crash
/// in between leaves a checkpoint unpublished, never one published that the file lacks.
struct CheckpointPublisher: Sendable {
    let recordFile: String
    let signer: CheckpointSigner
    let noteFile: String?
    let continuation: AsyncStream<CheckpointNote>.Continuation

    /// - Throws: ``AuditError/checkpointNotes(path:problem:)`` when the note file cannot be appended to.
    func publish(_ checkpoints: [(seq: Int64, hash: Data)]) throws(AuditError) {
        for checkpoint in checkpoints {
            let note = CheckpointNote.signed(
                recordFile: recordFile, seq: checkpoint.seq, hash: checkpoint.hash, signer: signer)
            if let noteFile { try CheckpointNoteFile.append(note, to: noteFile) }
            continuation.yield(note)
        }
    }

    /// No more checkpoints: the log is closed or its writer failed.
    func finish() { continuation.finish() }
}
