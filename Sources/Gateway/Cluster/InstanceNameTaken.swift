public import Foundation
import Geo

/// Why an instance stopped: another live instance of the cluster runs under the same `cluster.instance`, and it
/// started first. Two runs under one name would each believe it holds that name's partitions and write records
/// that both claim to be that instance's; the later one stops instead.
public struct InstanceNameTaken: Error, CustomStringConvertible, Sendable {
    public let instance: String
    public let otherStarted: Date?

    public var description: String {
        let since = otherStarted.map { " (running since \(RFC3339.format($0)))" } ?? ""
        return "cluster.instance \"\(instance)\" is already in use by another live gateway instance\(since): give "
            + "every instance its own name; this one stopped"
    }
}
