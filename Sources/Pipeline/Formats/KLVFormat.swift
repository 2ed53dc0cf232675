import Adapters
public import Compliance
public import Foundation

/// MISB ST 0601 KLV packets on a per-stream topic: identification data, or the sensor geometry of the
/// stream's imagery.
public struct KLVFormat: MessageFormat {
    let adapter: MISBKLVAdapter
    let topic: TopicPattern
    /// ST 0601 does not carry it; the configuration does.
    let imageWidth: Int

    init(adapter: MISBKLVAdapter, topic: TopicPattern, imageWidth: Int) {
        self.adapter = adapter
        self.topic = topic
        self.imageWidth = imageWidth
    }

    public func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        guard let match = topic.match(message.topic), let stream = match.stream else { return nil }
        let drone = match.drone
        do {
            switch try adapter.decode(message.payload) {
            case .identification(let tags):
                return [.identification(tags: tags, drone: drone, stream: stream)]
            case .sensor(let metadata):
                let sensor = ReportedSensor(
                    horizontalFieldOfView: metadata.horizontalFOVDegrees,
                    verticalFieldOfView: metadata.verticalFOVDegrees, imageWidth: imageWidth,
                    slantRange: metadata.slantRangeMetres, depression: metadata.depressionDegrees)
                return [.sensor(sensor, drone: drone, stream: stream)]
            }
        } catch {
            return [.unreadable(error, drone: drone, stream: stream)]
        }
    }
}
