#if canImport(Glibc)
import Glibc
#endif

/// Where cti keeps what it remembers between runs (the REPL's history, the persistent calls it
/// made): `$XDG_STATE_HOME/cti`, else `~/.local/state/cti`, created with mode 0700.
enum StateDirectory {
    /// The directory (made if missing), or `nil` with neither variable set.
    static func path(environment: [String: String]) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state + "/cti"
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state/cti"
        } else {
            return nil
        }
        var directory = ""
        for component in base.split(separator: "/") {
            directory += "/" + component
            mkdir(directory, 0o700)
        }
        return base
    }
}
