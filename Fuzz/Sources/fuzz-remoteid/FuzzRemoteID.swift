import Adapters
import Compliance
import FuzzSupport
import StrictJSON

/// The ASTM F3411 Remote ID adapter: one aircraft state (`RIDAircraftState`) and a `GetFlightsResponse`.
///
/// Input: one payload, decoded both ways. Every flight id in it is given a mission (read with the strict
/// parser first), so that each flight's state is decoded rather than refused as unmapped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRemoteID(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let payload = FuzzInput.bytes(start, count)
    var missions = ["RID1": "M-1"]
    if let flights = (try? JSONParser.parse(payload))?["flights"]?.arrayValue {
        for flight in flights { if let id = flight["id"]?.stringValue { missions[id] = "M-1" } }
    }
    let adapter = RemoteIDAdapter(missions: MissionAssignments(missions))
    _ = try? adapter.decodeState(payload, drone: "RID1")
    _ = try? adapter.decodeFlights(payload)
    return 0
}
