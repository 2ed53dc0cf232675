import Testing

/// What Geofences/README.md ("Sample queries") says the answer to one line of the demo's queries.jsonl is.
///
/// The defaults are the answer to line 1: compliant, authorised, inside the corridor, 45 m from its
/// floor and ceiling. Each entry states how its line differs.
struct DemoAnswer: Sendable, CustomTestStringConvertible {
    static let corridor = "oa-route-corridor"
    static let platz = "oa-platz-der-republik"
    static let authorisationID = "AUTH-2026-11-28-M-0412"

    var line: Int
    var demonstrates: String
    var drone = "D1"
    var time = "2026-11-28T13:00:00.000Z"
    var reasons: [Coded] = []
    var warnings: [Coded] = []
    var operationAreas = [corridor]
    var noFly: [String] = []
    var noCapture: [String] = []
    var authorised = true
    var authorisation: String? = authorisationID
    var captureAllowed = true
    var nearest: NearestBoundary? = NearestBoundary(zone: corridor, kind: "operation_area", inside: true, metres: 45)

    var verdict: String { reasons.isEmpty ? "compliant" : "breach" }
    var testDescription: String { "line \(line): \(demonstrates)" }

    static func area(_ zone: String, inside: Bool, _ metres: Double) -> NearestBoundary {
        NearestBoundary(zone: zone, kind: "operation_area", inside: inside, metres: metres)
    }

    /// Lines 1 to 17; line 18 is the malformed one.
    static let all: [DemoAnswer] = [
        DemoAnswer(line: 1, demonstrates: "compliant in the corridor"),
        DemoAnswer(line: 2, demonstrates: "AMSL altitude, a time with an offset", drone: "D2"),
        DemoAnswer(
            line: 3, demonstrates: "warning near the area's edge", drone: "D2",
            warnings: [Coded("near_operation_area_boundary", corridor)], nearest: area(corridor, inside: true, 25.2)),
        DemoAnswer(
            line: 4, demonstrates: "outside the area", drone: "D2",
            reasons: [Coded("outside_operation_area", corridor)], operationAreas: [], authorised: false,
            nearest: area(corridor, inside: false, 250.4)),
        DemoAnswer(
            line: 5, demonstrates: "below the floor", reasons: [Coded("below_floor", corridor)], operationAreas: [],
            authorised: false, nearest: area(corridor, inside: false, 10)),
        DemoAnswer(
            line: 6, demonstrates: "above the ceiling, WGS84 conversion", drone: "D3",
            reasons: [Coded("above_ceiling", corridor)], operationAreas: [], authorised: false,
            nearest: area(corridor, inside: false, 6.4)),
        DemoAnswer(
            line: 7, demonstrates: "inside the no-fly circle, outside every operation area", drone: "D3",
            reasons: [Coded("outside_operation_area", platz), Coded("in_no_fly", "nf-charite-helipad")],
            operationAreas: [], noFly: ["nf-charite-helipad"], authorised: false,
            nearest: NearestBoundary(zone: "nf-charite-helipad", kind: "no_fly", inside: true, metres: 200)),
        DemoAnswer(
            line: 8, demonstrates: "inside a temporary no-fly polygon within the corridor",
            reasons: [Coded("in_no_fly", "nf-rescue-landing-site")], noFly: ["nf-rescue-landing-site"],
            nearest: NearestBoundary(zone: "nf-rescue-landing-site", kind: "no_fly", inside: true, metres: 44.5)),
        DemoAnswer(
            line: 9, demonstrates: "near a no-fly zone", warnings: [Coded("near_no_fly", "nf-rescue-landing-site")],
            nearest: NearestBoundary(zone: "nf-rescue-landing-site", kind: "no_fly", inside: false, metres: 40.7)),
        DemoAnswer(
            line: 10, demonstrates: "over a no-capture circle", drone: "D3", noCapture: ["nc-st-hedwig"],
            captureAllowed: false),
        DemoAnswer(
            line: 11, demonstrates: "over a no-capture MultiPolygon", drone: "D2",
            noCapture: ["nc-residential-wilhelmstrasse"], captureAllowed: false),
        DemoAnswer(line: 12, demonstrates: "in a hole of the no-capture MultiPolygon", drone: "D2"),
        DemoAnswer(
            line: 13, demonstrates: "the scheduled area while active", operationAreas: [platz],
            nearest: area(platz, inside: true, 45)),
        DemoAnswer(
            line: 14, demonstrates: "the scheduled area outside its schedule", time: "2026-11-28T16:30:00.000Z",
            reasons: [Coded("operation_area_inactive", platz)], operationAreas: [], authorised: false,
            nearest: area(corridor, inside: false, 163.8)),
        DemoAnswer(
            line: 15, demonstrates: "a drone not in the authorisation", drone: "D9",
            reasons: [Coded("no_authorisation", nil)], authorised: false, authorisation: nil, nearest: nil),
        DemoAnswer(
            line: 16, demonstrates: "before the authorisation window", time: "2026-11-28T07:30:00.000Z",
            reasons: [Coded("authorisation_not_yet_valid", authorisationID)], operationAreas: [], authorised: false,
            authorisation: nil, nearest: nil),
        DemoAnswer(
            line: 17, demonstrates: "valid_until is exclusive", time: "2026-11-28T20:00:00.000Z",
            reasons: [Coded("authorisation_expired", authorisationID)], operationAreas: [], authorised: false,
            authorisation: nil, nearest: nil),
    ]
}
