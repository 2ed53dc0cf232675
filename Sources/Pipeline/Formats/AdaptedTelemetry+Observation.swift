import Adapters
import Compliance

extension AdaptedTelemetry {
    /// The fix an adapter decoded, with its source format and the cameras it reported.
    var observation: Observation {
        var fix = fix
        fix.source = source.rawValue
        return .fix(
            fix,
            cameras: cameras.map {
                ReportedCamera(zoom: $0.zoom, slantRange: $0.slantRangeMetres, depression: $0.depressionDegrees)
            })
    }
}
