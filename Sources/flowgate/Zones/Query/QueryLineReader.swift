#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads `zones query` input from a file descriptor in large chunks and cuts it into batches of whole lines.
///
/// A batch holds what one read gave, and what more is ready without waiting, up to about ``chunkSize`` bytes:
/// a file or a fast pipe gives large batches, and someone typing gets each answer when the line is complete.
/// A line longer than the chunk is read on until its end; the piece of a line after the last `\n` of a chunk
/// starts the next batch, so memory holds a few chunks whatever the input's length.
struct QueryLineReader {
    let descriptor: Int32
    let chunkSize: Int
    /// The start of a line whose end has not been read yet.
    private var pending: [UInt8] = []
    private var nextLineNumber = 1
    private var atEnd = false

    init(descriptor: Int32, chunkSize: Int = 1 << 18) {
        self.descriptor = descriptor
        self.chunkSize = max(chunkSize, 1)
    }

    /// The next batch of whole lines (the last line of the input may lack its `\n`), or `nil` at the end.
    /// - Throws: ``QueryInputError`` when reading fails.
    mutating func nextBatch() throws(QueryInputError) -> QueryLineBatch? {
        var bytes = pending
        pending = []
        bytes.reserveCapacity(bytes.count + chunkSize)
        var searched = bytes.count
        while !atEnd {
            let wanted = max(chunkSize - bytes.count, chunkSize / 4, 1)
            let count = try readChunk(into: &bytes, upTo: wanted)
            if count == 0 {
                atEnd = true
                break
            }
            if let lastNewline = bytes[searched...].lastIndex(of: UInt8(ascii: "\n")) {
                // More may be ready at once: a fuller batch costs the workers less hand-over per line.
                while bytes.count < chunkSize, isReadable() {
                    guard try readChunk(into: &bytes, upTo: chunkSize - bytes.count) > 0 else { break }
                }
                let cut = bytes[lastNewline...].lastIndex(of: UInt8(ascii: "\n")) ?? lastNewline
                pending = Array(bytes[(cut + 1)...])
                bytes.removeSubrange((cut + 1)...)
                return batch(of: bytes)
            }
            searched = bytes.count
        }
        return bytes.isEmpty ? nil : batch(of: bytes)
    }

    private mutating func batch(of bytes: [UInt8]) -> QueryLineBatch {
        var lineEnds: [Int] = []
        lineEnds.reserveCapacity(bytes.count / 100 + 1)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                guard let found = memchr(all.baseAddress! + start, Int32(UInt8(ascii: "\n")), all.count - start)
                else {
                    lineEnds.append(all.count)
                    break
                }
                let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - all.baseAddress!
                lineEnds.append(end)
                start = end + 1
            }
        }
        defer { nextLineNumber += lineEnds.count }
        return QueryLineBatch(bytes: bytes, lineEnds: lineEnds, firstLineNumber: nextLineNumber)
    }

    /// Appends at most `limit` bytes from one `read`; 0 at the end of the input.
    private func readChunk(into bytes: inout [UInt8], upTo limit: Int) throws(QueryInputError) -> Int {
        let start = bytes.count
        var result = 0
        var failure: Int32 = 0
        bytes.append(contentsOf: repeatElement(0, count: limit))
        repeat {
            result = bytes.withUnsafeMutableBufferPointer { buffer in
                read(descriptor, buffer.baseAddress! + start, limit)
            }
            failure = result < 0 ? errno : 0
        } while failure == EINTR
        bytes.removeSubrange((start + max(result, 0))...)
        guard result >= 0 else { throw QueryInputError(errno: failure) }
        return result
    }

    /// Whether a read would return at once.
    private func isReadable() -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0 && request.revents & Int16(POLLIN) != 0
    }
}

/// Reading the query input failed.
struct QueryInputError: Error, CustomStringConvertible {
    var errno: Int32

    var description: String { "cannot read the query lines on standard input: \(String(cString: strerror(errno)))" }
}
