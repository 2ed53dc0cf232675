public import Foundation

/// The fixed clock of every fuzz run, so that a crashing input reproduces exactly: 2026-11-28T13:00:00Z, inside
/// the synthetic site's authorisation window and the times of the repository's sample messages.
public enum FuzzClock {
    public static let now = Date(timeIntervalSince1970: 1_795_870_800)

    /// The arrival time of the `index`th message of an input: half a second apart, as a 2 Hz drone sends.
    public static func arrival(_ index: Int) -> Date { now.addingTimeInterval(Double(index) * 0.5) }
}
