public import CPrefetch

/// Cache-line prefetch hints (``flowgate_prefetch``), for loops whose reads can be named before they are made.
public enum Prefetch {
    /// Every cache line that the value at `pointer` touches.
    @inlinable
    @inline(__always)
    public static func lines<Value>(of pointer: UnsafePointer<Value>) {
        let start = UnsafeRawPointer(pointer)
        var offset = 0
        while offset < MemoryLayout<Value>.size {
            flowgate_prefetch(start + offset)
            offset += 64
        }
        // The last byte's line, when the value straddles one more than its size suggests.
        flowgate_prefetch(start + (MemoryLayout<Value>.size - 1))
    }
}
