import Compliance
import Testing

@Suite("The identification classifier, identifiers in strings and embedded blobs")
struct IdentificationClassifierTests {
    @Test(
        "names naming identification, in any spelling",
        arguments: [
            "trackId", "TRACK-ID", "track_id", "TRACKID", "person.id", "PersonID", "faceEmbedding", "face", "FACE",
            "face_crop", "embedding", "biometric_template", "userBiometrics", "mac_address", "macAddress", "MAC",
            "imsi", "IMSINumber", "imei", "Re-ID", "reid", "re_id", "licence plate", "license-plate",
            "licensePlate", "numberplate", "plate_text", "device_id", "deviceId", "gait", "iris", "voiceprint",
            "emotion", "tracklets", "phone_number", "bssid", "person_track", "x.y.trackId", "identifier",
            "irises_note", "faced_north",
            // Plurals, synonyms and compounds of the spec's categories.
            "faces", "face_templates", "FaceSignatures", "gait_signature", "voice_template", "speaker_id",
            "iris_codes", "retina_scan", "plate_reads", "plate_reading", "licence_plate_capture", "anpr_hits",
            "imsi_captures", "wifi_probes", "bluetooth_scan", "ble_addresses", "device_identifiers",
            "emotion_recognition", "emotional_state", "sentiment_score", "person_reidentification",
            "per_person_tracks", "pedestrian_trajectories", "subject_ids", "face_match_score",
            "cell_site_simulator", "stingray", "imsi_grabber", "wifi_sniffer", "WiFiSniffer", "bt_scanner",
            "fake_bts", "ethnicity", "religious_affiliation", "watchlist_hits", "vehicle_registration_number",
            // Glued and shouting.
            "PERSONTRACKIDS", "CROWDFACECOUNT", "densityfaceprintgrid", "XXFACEXX", "DATAIMSIVALUE",
            "persontrackid", "DEVICEMACADDRESS", "VOICESIGNATURE", "extraReIdentificationVector",
            // Unicode look-alikes, compatibility forms and invisible characters.
            "f\u{0430}ce", "\u{0192}ace", "ｆａｃｅ", "𝐟𝐚𝐜𝐞", "fa\u{200B}ce", "fa\u{00AD}ce", "f\u{0301}ace",
            "\u{0399}RIS", "ΙΜSΙ", "\u{13AA}NPR", "ɡait", "fáçé", "ｐｌａｔｅ", "ima\u{200D}ge_face",
            // Digits and symbols for letters.
            "f4ce", "fac3", "1r1s", "b10metric", "pl4te", "$niffer", "im5i", "g41t", "r3id", "rnac_address",
            "face2", "face_v2", "2face", "reIdent", "ppl_tracks", "pax-ids",
        ])
    func identifying(name: String) {
        #expect(IdentificationClassifier.match(name) != nil, "\(name)")
    }

    @Test(
        "innocent names are not identifying",
        arguments: [
            "machine", "image", "image_width_px", "imagery", "surface", "interface", "macro", "id", "track_deg",
            "direction_deg", "count", "cell_m", "origin", "stream", "mission", "drone", "template", "plateau",
            "demacia", "reindex", "grid_id", "frame_ref", "cam0", "cam1", "eo0", "ir1", "flow0", "img0", "density",
            "density-north", "M-0412", "OP-2026-11-28", "D7", "crowd_density", "crowd_flow", "crowd_count",
            "route_estimate", "eo_camera", "ir_camera", "thermal_camera", "lidar", "surface_temperature",
            "microphone_level", "soundtrack", "racetrack_sector", "2026-11-28T14:03:22.300Z",
            "urn:flowgate:frame:D7:cam0:77",
            "https://archive.example/clips/2026/11/28/D7-cam0-000077.mp4", "operator_note", "QZXMARK7731",
            "mission-alpha", "nadir_cam", "incident_cam", "resident-count", "accident", "main", "wide", "zoom",
            "gimbal0", "heat_map", "queue_length",
        ])
    func innocent(name: String) {
        #expect(
            IdentificationClassifier.match(name) == nil,
            "\(name): \(IdentificationClassifier.match(name)?.description ?? "")")
    }

    @Test("no key of the payload schemas is identifying (the scanner skips them)")
    func schemaKeys() {
        for key in PayloadPropertyTests.schemaKeys {
            #expect(IdentificationClassifier.match(key) == nil, "\(key)")
        }
    }

    @Test("a match quotes the vocabulary's words, never the text")
    func matchQuotesVocabulary() throws {
        let match = try #require(IdentificationClassifier.match("XX_f\u{0430}ceEmbed_QZX"))
        #expect(match.term == "face")
        #expect(!match.description.contains("QZX"))
    }

    @Test(
        "identifiers written inside strings",
        arguments: [
            "urn:x:262011234567890", "imsi 262-01-1234567890", "35-209900-176148-1", "+49 170 1234567",
            "tel:+491701234567", "a4:5e:60:c2:f1:b3", "A4-5E-60-C2-F1-B3", "a45e.60c2.f1b3", "B-AB 1234",
            "M AB 123E", "HH-XY-99", "AB12 CDE", "someone@example.org", "00:1a:7d:da:71:13:00:01",
        ])
    func identifiers(text: String) {
        #expect(IdentifierDetector.identifier(in: text) != nil, "\(text)")
    }

    @Test(
        "ordinary strings carry no identifier",
        arguments: [
            "urn:flowgate:frame:D7:cam0:77", "https://archive.example/clips/2026/11/28/D7-cam0-000077.mp4",
            "2026-11-28T14:03:22.300Z", "M-0412", "D7", "cam0", "urn:sha256:" + String(repeating: "ab", count: 32),
            "s3://bucket/2026-11-28/frame-000077.jpg", "12345678901234", "1234567890123456", "CAM-001", "OP-12",
        ])
    func noIdentifier(text: String) {
        #expect(IdentifierDetector.identifier(in: text) == nil, "\(text)")
    }

    @Test(
        "strings carrying an image or a blob",
        arguments: [
            "data:image/png;base64,AAAA", "DATA:text/plain,x", "/9j/4AAQSkZJRgABAQAAAQABAAD", "iVBORw0KGgoAAAANSUhEUg",
            "R0lGODlhAQABAIAAAP", "ffd8ffe000104a464946", "89504E470D0A1A0A0000", "\u{ff}\u{d8}\u{ff}\u{e0}",
            "\u{89}PNG\r\n", "urn:x:" + String(repeating: "Qm", count: 64),
            // Percent-encoded, base32, hex cut into pieces, and numbers written out as text.
            "%FF%D8%FF%E0%00%10JFIF", "%89PNG%0D%0A%1A%0A", "77MP7YAACBFEMSKGAAAQ====", "89504e47-0d0a1a0a-0000000d",
            "ff:d8:ff:e0:00:10:4a:46:49:46", "urn:x:89504E47/0D0A1A0A/0000000D/49484452",
            (0..<40).map { "0.\($0 * 7 % 10)\($0 % 9)" }.joined(separator: ","),
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
