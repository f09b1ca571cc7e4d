/// The PeripheralID the simulated Agent PG serves, and the one the console's requests name when
/// neither `--peripheral` nor a profile gives one (a real Unified CCE's PeripheralID is the
/// site's own: give it with `--peripheral`).
public enum DefaultPeripheral {
    public static let id: UInt32 = 5000
}
