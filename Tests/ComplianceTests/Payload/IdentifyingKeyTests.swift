import Compliance
import Testing

@Suite("Identifying keys and embedded blobs")
struct IdentifyingKeyTests {
    @Test(
        "keys naming identifying data, in any spelling",
        arguments: [
            "trackId", "TRACK-ID", "track_id", "TRACKID", "person.id", "PersonID", "faceEmbedding", "face", "FACE",
            "face_crop", "embedding", "biometric_template", "userBiometrics", "mac_address", "macAddress", "MAC",
            "imsi", "IMSINumber", "imei", "Re-ID", "reid", "re_id", "licence plate", "license-plate",
            "licensePlate", "numberplate", "plate_text", "device_id", "deviceId", "gait", "iris", "voiceprint",
            "emotion", "tracklets", "phone_number", "bssid", "person_track", "x.y.trackId",
        ])
    func identifying(key: String) {
        #expect(IdentifyingKey.match(key) != nil, "\(key)")
    }

    @Test(
        "innocent keys are not identifying",
        arguments: [
            "machine", "image", "image_width_px", "imagery", "surface", "interface", "macro", "id", "track_deg",
            "direction_deg", "count", "cell_m", "origin", "identifier", "stream", "mission", "drone", "template",
            "plateau", "irises_note", "demacia", "reidx", "faced_north", "grid_id", "frame_ref",
        ])
    func innocent(key: String) {
        #expect(IdentifyingKey.match(key) == nil, "\(key): \(IdentifyingKey.match(key) ?? "")")
    }

    @Test("no key of the payload schemas is identifying (the scanner skips them)")
    func schemaKeys() {
        for key in PayloadPropertyTests.schemaKeys {
            #expect(IdentifyingKey.match(key) == nil, "\(key)")
        }
    }

    @Test(
        "strings carrying an image or a blob",
        arguments: [
            "data:image/png;base64,AAAA", "DATA:text/plain,x", "/9j/4AAQSkZJRgABAQAAAQABAAD", "iVBORw0KGgoAAAANSUhEUg",
            "R0lGODlhAQABAIAAAP", "ffd8ffe000104a464946", "89504E470D0A1A0A0000", "\u{ff}\u{d8}\u{ff}\u{e0}",
            "\u{89}PNG\r\n", "urn:x:" + String(repeating: "Qm", count: 64),
        ])
    func blob(text: String) {
        #expect(EmbeddedBlob.kind(of: text) != nil, "\(text.prefix(20))")
    }

    @Test(
        "references, hashes and ids are not blobs",
        arguments: [
            "urn:flowgate:frame:D7:cam0:77", "https://archive.example/clips/2026/11/28/D7-cam0-000077.mp4",
            "urn:sha256:" + String(repeating: "ab", count: 32), "eo_camera", "M-0412", "D7", "",
            String(repeating: "a", count: 127), "s3://bucket/2026-11-28/frame-000077.jpg",
        ])
    func notBlob(text: String) {
        #expect(EmbeddedBlob.kind(of: text) == nil, "\(text.prefix(20))")
    }

    @Test("a base64 run of 128 characters is a blob, 127 is not")
    func runEdge() {
        #expect(EmbeddedBlob.kind(of: String(repeating: "a", count: 127)) == nil)
        #expect(EmbeddedBlob.kind(of: String(repeating: "a", count: 128)) == "a base64 or hex run of 128 characters")
    }
}
