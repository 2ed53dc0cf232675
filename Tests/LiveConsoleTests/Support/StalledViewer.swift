import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A viewer that opens the live stream and never reads it, with the smallest receive buffer the kernel allows:
/// the console's writes to it stall as soon as the kernel's buffers are full.
final class StalledViewer {
    private let socketFD: Int32

    init(port: Int) throws {
        let socketFD = try StreamSocket.open(port: port, receiveBuffer: 1_024)
        self.socketFD = socketFD
    }

    /// Bytes the kernel holds for this viewer unread (it never reads).
    var unread: Int {
        var count: Int32 = 0
        _ = ioctl(socketFD, UInt(FIONREAD), &count)
        return Int(count)
    }

    deinit { close(socketFD) }
}
