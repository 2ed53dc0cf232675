import Compliance
import Foundation
import FuzzSupport
import Gateway
import Pipeline

/// The gateway's YAML configuration reader (Yams, then every section's keys, types and ranges) through its
/// text entry point, as `flowgate config check` reads a file, without the file checks (`replay` reads it so);
/// and, for a configuration that reads, the broker ACL `flowgate config acl` writes from it.
///
/// Input: one YAML document (UTF-8; other bytes are refused before parsing, as reading the file does). Relative
/// paths resolve in a folder of the temporary folder that holds an empty `bundle` folder, so that the tests'
/// `bundle: bundle` and `bundle: .` name folders that exist.
let base: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-fuzz-config")
    try? FileManager.default.createDirectory(
        at: folder.appendingPathComponent("bundle"), withIntermediateDirectories: true)
    return folder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let yaml = String(validating: FuzzInput.bytes(start, count), as: UTF8.self) else { return 0 }
    guard let config = try? ConfigReader.parse(yaml: yaml, file: "fuzz.yaml", base: base, checkFiles: false) else {
        return 0
    }
    var drones = Set(["D1"]).union(config.adapters.missions.keys)
    if let dji = config.adapters.djiCloudAPI { drones.formUnion(dji.gateways.keys) }
    let acl = BrokerACL(
        ingressAccount: config.ingress.username ?? "flowgate-ingress",
        egressAccount: config.egress.username ?? "flowgate-egress", operators: ["fuzz-operator"],
        drones: drones.sorted(), topics: config.policy.topics, adapters: config.adapters)
    _ = acl.text
    return 0
}
