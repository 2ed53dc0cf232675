import Foundation
import Geo

/// Longitude/latitude to SVG pixels: equirectangular, with longitude scaled by the cosine of the middle
/// latitude so that a site of a few kilometres keeps its shape. North is up.
struct MapProjection {
    let width: Double
    let height: Double
    private let west: Double
    private let north: Double
    private let scale: Double
    private let cosLatitude: Double
    private let offsetX: Double
    private let offsetY: Double

    /// Fits `points` into `width` x `height` with a margin; `nil` when there is nothing to show.
    init?(fitting points: [GeoPoint], width: Double = 800, height: Double = 560, margin: Double = 24) {
        guard let first = points.first else { return nil }
        var (minLat, maxLat, minLon, maxLon) = (first.latitude, first.latitude, first.longitude, first.longitude)
        for point in points {
            minLat = min(minLat, point.latitude)
            maxLat = max(maxLat, point.latitude)
            minLon = min(minLon, point.longitude)
            maxLon = max(maxLon, point.longitude)
        }
        self.width = width
        self.height = height
        cosLatitude = max(0.01, cos((minLat + maxLat) / 2 * .pi / 180))
        let spanX = max((maxLon - minLon) * cosLatitude, 1e-6)
        let spanY = max(maxLat - minLat, 1e-6)
        scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        west = minLon
        north = maxLat
        offsetX = (width - spanX * scale) / 2
        offsetY = (height - spanY * scale) / 2
    }

    func x(_ point: GeoPoint) -> Double { offsetX + (point.longitude - west) * cosLatitude * scale }
    func y(_ point: GeoPoint) -> Double { offsetY + (north - point.latitude) * scale }

    /// `x,y` for SVG point lists.
    func pair(_ point: GeoPoint) -> String { "\(Markup.number(x(point))),\(Markup.number(y(point)))" }

    /// Pixels per metre along a meridian (for circles' radii).
    var pixelsPerMetre: Double { scale / 111_320 }
}
