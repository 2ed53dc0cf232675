/// The products allowed for the crowd-flow purpose: everything else is blocked.
public enum PayloadProduct: String, Sendable, Hashable, CaseIterable {
    case crowdCount = "crowd_count"
    case crowdDensity = "crowd_density"
    case crowdFlow = "crowd_flow"
    case routeEstimate = "route_estimate"
    case imagery

    /// Products that identify or track persons: always blocked, and their stream is suspended.
    public static let identificationProducts: Set<String> = [
        "face_crop", "face_embedding", "face_match", "biometric_template", "gait_signature", "voice_print",
        "iris_template", "person_reid", "person_track", "licence_plate", "license_plate", "device_identifier",
        "imsi_capture", "wifi_probe", "bluetooth_scan", "emotion_recognition",
    ]
}

/// The sensor kinds allowed to produce crowd-flow products.
public enum SensorKind: String, Sendable, Hashable, CaseIterable {
    case eoCamera = "eo_camera"
    case irCamera = "ir_camera"

    /// Sensors that identify persons or their devices: always blocked, and their stream is suspended.
    public static let identificationKinds: Set<String> = [
        "imsi_catcher", "wifi_sniffer", "bluetooth_scanner", "face_recognition", "lpr_camera", "anpr_camera",
        "biometric_scanner", "iris_scanner", "gait_recognition",
    ]
}
