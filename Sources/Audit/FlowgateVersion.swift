/// The version of flowgate: what `flowgate --version` prints and what every `config_load` record names, so that
/// a record says which build wrote it.
public enum FlowgateVersion {
    public static let current = "0.1.0"
}
