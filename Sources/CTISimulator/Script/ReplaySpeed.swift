/// How fast a replay plays a recording with times (`--speed N` / `--speed max`).
public enum ReplaySpeed: Hashable, Sendable {
    /// The recorded gaps divided by this factor (> 0; 1 = as recorded).
    case factor(Double)
    /// No waits: as fast as the client reads.
    case max
}
