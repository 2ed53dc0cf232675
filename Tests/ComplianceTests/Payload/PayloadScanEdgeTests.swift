import Foundation
import StrictJSON
import Testing

@testable import Compliance

/// Exact edges of the payload fast path: what it must read, and what it must leave to the tree. Every case also
/// gets the tree's judgement either way.
@Suite("Payload inspector: the fast path's edges")
struct PayloadScanEdgeTests {
    static let density =
        #"{"v":1,"drone":"D7","mission":"M-0412","stream":"cam0","seq":77,"time":"2026-11-28T14:03:22.300Z","#
        + #""product":"crowd_density","#
        + #""sensor":{"kind":"eo_camera","hfov_deg":62.0,"image_width_px":1920,"zoom":1.0,"slant_range_m":110.0},"#
        + #""data":{"origin":{"lat":52.5160,"lon":13.3770},"cell_m":10,"rows":2,"cols":3,"counts":[0,14,31,7,0,52]}}"#

    static let flow =
        #"{"v":1,"drone":"D7","mission":"M-0412","stream":"cam0","seq":77,"time":"2026-11-28T14:03:22.300Z","#
        + #""product":"crowd_flow","data":{"origin":{"lat":52.5160,"lon":13.3770},"cell_m":10,"rows":2,"cols":3,"#
        + #""cells":[{"row":0,"col":1,"direction_deg":87.0,"speed_mps":1.2,"count":2},"#
        + #"{"row":1,"col":2,"direction_deg":360,"speed_mps":0,"count":40}]}}"#

    /// Whether the fast path answers for `text` (after checking that the judgement is the tree's).
    func fast(_ text: String, _ inspector: PayloadInspector = PayloadInspector()) -> Bool {
        let answer = PayloadScanTests.agree(Array(text.utf8), inspector)
        #expect(answer.agrees, "\(text)")
        return answer.fast
    }

    @Test("plain messages, in any member order and spacing, with numbers in any spelling")
    func read() {
        // The data before the product, the envelope's members in reverse.
        let reversed: String =
            #"{"data":{"counts":[1,2],"cols":2,"rows":1,"cell_m":10,"origin":{"lon":13.4,"lat":52.5}},"#
            + #""product":"crowd_density","time":"2026-11-28T14:03:22Z","seq":0,"stream":"cam0","#
            + #""mission":"M","drone":"D7","v":1}"#
        let spaced: String = Self.density.replacingOccurrences(of: ",", with: " ,\n\t")
        let emptyFlow: String = Self.flow.components(separatedBy: #""cells":["#)[0] + #""cells":[ ]}}"#
        let accepted: [String] = [
            Self.density, Self.flow, reversed, emptyFlow,
            spaced.replacingOccurrences(of: #"":"#, with: #"" : "#),
            " \n\(Self.density)\r\n ",
            Self.density.replacingOccurrences(of: #""v":1"#, with: #""v":1.0"#),
            Self.density.replacingOccurrences(of: #""v":1"#, with: #""v":10e-1"#),
            Self.density.replacingOccurrences(of: #""seq":77"#, with: #""seq":-0"#),
            Self.density.replacingOccurrences(of: #""seq":77"#, with: #""seq":9007199254740991"#),
            Self.density.replacingOccurrences(of: "[0,14,", with: "[0.0,14e0,"),
            Self.density.replacingOccurrences(of: "[0,14,", with: "[-0,1400e-2,"),
            Self.density.replacingOccurrences(of: "[0,14,", with: "[1000000,14,"),
            Self.density.replacingOccurrences(of: #""rows":2"#, with: #""rows":2.0"#),
            Self.density.replacingOccurrences(
                of: #""zoom":1.0"#, with: #""zoom":1.0,"vfov_deg":40,"depression_deg":90"#),
            Self.density.replacingOccurrences(of: #""kind":"eo_camera""#, with: #""kind":"ir_camera""#),
            Self.flow.replacingOccurrences(of: #""row":1,"col":2"#, with: #""col":2,"row":1"#),
            Self.flow.replacingOccurrences(of: #""row":1"#, with: #""row":1.0"#),
        ]
        for text in accepted { #expect(fast(text), "\(text)") }
        // Every range at its very ends.
        let ends: [(String, String)] = [
            (#""direction_deg":360"#, #""direction_deg":0"#), (#""speed_mps":0"#, #""speed_mps":50"#),
            (#""count":40"#, #""count":1000000"#), (#""lat":52.5160"#, #""lat":-90"#),
            (#""lon":13.3770"#, #""lon":180"#),
            (#""cell_m":10"#, #""cell_m":99999.999"#), (#""rows":2,"cols":3"#, #""rows":100,"cols":1000"#),
            (#""seq":77"#, #""seq":0"#),
        ]
        for (old, new) in ends {
            #expect(fast(Self.flow.replacingOccurrences(of: old, with: new)), "\(new)")
        }
        let sensorEnds: [(String, String)] = [
            (#""hfov_deg":62.0"#, #""hfov_deg":179.999999"#), (#""image_width_px":1920"#, #""image_width_px":100000"#),
            (#""zoom":1.0"#, #""zoom":1000,"depression_deg":0"#), (#""slant_range_m":110.0"#, #""depression_deg":90"#),
        ]
        for (old, new) in sensorEnds {
            #expect(fast(Self.density.replacingOccurrences(of: old, with: new)), "\(new)")
        }
    }

    @Test("duplicates, unknown members, nulls, escapes, non-ASCII and broken JSON go to the tree")
    func leftToTheTree() {
        let edits: [(String, String, String)] = [
            (Self.density, #""v":1"#, #""v":2"#),
            (Self.density, #""v":1"#, #""v":1,"v":1"#),
            (Self.density, #""seq":77"#, #""seq":77.5"#),
            (Self.density, #""seq":77"#, #""seq":9007199254740992"#),
            (Self.density, #""seq":77"#, #""seq":null"#),
            (Self.density, #""drone":"D7""#, #""drone":"D\u0037""#),
            (Self.density, #""drone":"D7""#, #""drone":"D8""#),
            (Self.density, #""stream":"cam0""#, #""stream":"cam1""#),
            (Self.density, #""mission":"M-0412""#, #""mission":"GIF89a""#),
            (Self.density, #""mission":"M-0412""#, #""mission":"ffd8ffe000104a46""#),
            (Self.density, #""mission":"M-0412""#, #""mission":"Mé""#),
            (Self.density, #""time":"2026-11-28T14:03:22.300Z""#, #""time":"2026-11-28T14:03:22.00000000667479700Z""#),
            (Self.density, #""time":"2026-11-28T14:03:22.300Z""#, #""time":"2026-11-28T14:03:22""#),
            (Self.density, #""product":"crowd_density""#, #""product":"face_crop""#),
            (Self.density, #""product":"crowd_density""#, #""product":"crowd_flow""#),
            (Self.density, #""product":"crowd_density""#, #""product":"crowd_count""#),
            (Self.density, #""kind":"eo_camera""#, #""kind":"imsi_catcher""#),
            (Self.density, #""kind":"eo_camera""#, #""kind":"thermal""#),
            (Self.density, #""kind":"eo_camera""#, #""kind":"eo_camera","kind":"ir_camera""#),
            (Self.density, #""zoom":1.0"#, #""zoom":0.5"#),
            (Self.density, #""zoom":1.0"#, #""zoom":1.0,"trackId":1"#),
            (Self.density, #""hfov_deg":62.0"#, #""hfov_deg":180"#),
            (Self.density, #""sensor":{"kind":"eo_camera","#, #""sensor":null,"x":{"kind":"eo_camera","#),
            (Self.density, #""cell_m":10"#, #""cell_m":0"#),
            (Self.density, #""lat":52.5160"#, #""lat":90.0000000000000001e1"#),
            (Self.density, #""lat":52.5160"#, #""lat":52.5160,"alt":1"#),
            (Self.density, #""rows":2"#, #""rows":2,"rows":2"#),
            (Self.density, #""rows":2"#, #""rows":1001"#),
            (Self.density, "[0,14,31,7,0,52]", "[0,14,31,7,0]"),
            (Self.density, "[0,14,31,7,0,52]", "[0,14,31,7,0,52,0]"),
            (Self.density, "[0,14,", "[null,14,"),
            (Self.density, "[0,14,", "[1.5,14,"),
            (Self.density, "[0,14,", "[-1,14,"),
            (Self.density, "[0,14,", "[9.3e18,14,"),
            (Self.density, "[0,14,", "[1e400,14,"),
            (Self.density, "[0,14,", "[NaN,14,"),
            (Self.density, "[0,14,", "[01,14,"),
            (Self.density, "[0,14,", #"["0",14,"#),
            (Self.density, "52]}}", "52]},\"x\":1}"),
            (Self.density, "52]}}", "52]}} x"),
            (Self.density, "52]}}", "52]}"),
            (Self.density, "52]}}", "52],\"cells\":[]}}"),
            (Self.flow, #""row":1,"col":2"#, #""row":0,"col":1"#),
            (Self.flow, #""row":1,"col":2"#, #""row":2,"col":2"#),
            (Self.flow, #""row":1,"col":2"#, #""row":1,"col":3"#),
            (Self.flow, #""row":1,"col":2"#, #""row":1,"col":2,"col":2"#),
            (Self.flow, #""count":40"#, #""count":40,"person":"p1""#),
            (Self.flow, #""count":40"#, #""count":1000001"#),
            (Self.density, "[0,14,", "[1000001,14,"), (Self.density, "[0,14,", "[1152921504606846976,14,"),
            (Self.flow, #""speed_mps":0"#, #""speed_mps":50.1"#),
            (Self.flow, #""speed_mps":0"#, #""speed_mps":-0.000001"#),
            (Self.flow, #""direction_deg":360"#, #""direction_deg":360.000001"#),
            (Self.flow, #""direction_deg":360"#, #""direction_deg":-1"#),
            (Self.flow, #""row":1,"col":2"#, #""row":1.5,"col":2"#),
            (Self.flow, #""row":1,"col":2"#, #""row":-1,"col":2"#),
            (Self.flow, #""count":40"#, #""count":40.5"#),
            (Self.density, #""image_width_px":1920"#, #""image_width_px":100001"#),
            (Self.density, #""image_width_px":1920"#, #""image_width_px":0"#),
            (Self.density, #""zoom":1.0"#, #""zoom":1000.000001"#),
            (Self.density, #""slant_range_m":110.0"#, #""slant_range_m":1000000"#),
            (Self.density, #""slant_range_m":110.0"#, #""depression_deg":90.000001"#),
            (Self.density, #""slant_range_m":110.0"#, #""vfov_deg":0"#),
            (Self.density, #""cell_m":10"#, #""cell_m":100000"#),
            (Self.density, #""lon":13.3770"#, #""lon":-180.000001"#),
            (Self.flow, #""rows":2,"cols":3"#, #""rows":1000,"cols":101"#),
            (Self.flow, #""rows":2,"cols":3"#, #""rows":2,"cols":3,"counts":[]"#),
        ]
        for (base, old, new) in edits {
            let text = base.replacingOccurrences(of: old, with: new)
            #expect(text != base, "\(old) is not in the base message")
            #expect(!fast(text), "\(text)")
        }
    }

    @Test("the policy decides too: a product or sensor kind it does not allow, or a message over its size limit")
    func policy() throws {
        #expect(fast(Self.density))
        #expect(!fast(Self.density, PayloadInspector(policy: try .validated(allowedProducts: [.crowdFlow]))))
        #expect(!fast(Self.density, PayloadInspector(policy: try .validated(allowedSensorKinds: [.irCamera]))))
        #expect(
            !fast(Self.density, PayloadInspector(policy: try .validated(maximumBytes: Self.density.utf8.count - 1))))
        #expect(fast(Self.density, PayloadInspector(policy: try .validated(maximumBytes: Self.density.utf8.count))))
    }

    @Test("imagery is left to the tree, and so is every byte of a cut message")
    func imageryAndCuts() {
        let imagery =
            #"{"v":1,"drone":"D7","mission":"M","stream":"cam0","seq":1,"time":"2026-11-28T14:03:22Z","#
            + #""product":"imagery","data":{"frame_ref":"urn:x:1"}}"#
        #expect(!fast(imagery))
        let bytes = Array(Self.flow.utf8)
        for end in 0..<bytes.count {
            let answer = PayloadScanTests.agree(Array(bytes[..<end]))
            #expect(answer.agrees && !answer.fast, "cut at \(end)")
        }
    }
}
