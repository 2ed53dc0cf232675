/// The nearest limit an assessment has found so far: a zone's index, the metres to it and whether the drone is
/// inside it. A value the query loop updates in place; its ``BoundaryDistance`` (and the retained identifier)
/// is made once, at the end.
struct NearestLimit {
    private(set) var index = -1
    private(set) var metres = Double.infinity
    private(set) var isInside = false

    /// Whether one was found.
    var isFound: Bool { index >= 0 }

    /// Takes `fix` when it is strictly nearer than the nearest so far (the first of equals stays).
    @inline(__always)
    mutating func consider(_ fix: ZoneFix) {
        let distance = fix.distance
        if index < 0 || distance < metres {
            index = fix.index
            metres = distance
            isInside = fix.isInsideVolume
        }
    }
}
