extension Duration {
    /// The duration in seconds, as a `Double` (for rates and for printing).
    public var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
