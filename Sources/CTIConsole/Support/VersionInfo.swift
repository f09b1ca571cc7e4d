@preconcurrency import CLibEdit
import CTIProtocol

/// What `cti --version` prints: the tool version, the protocol versions it speaks and the line
/// editor it is linked with.
enum VersionInfo {
    static let tool = "0.1.0"

    static var text: String {
        let protocols = ProtocolVersion.supported.map { "\($0.number)" }.joined(separator: ", ")
        let readlineAPI = String(rl_readline_version, radix: 16)
        return """
        cti \(tool)
        CTI Server protocol versions: \(protocols) (sessions: auto, \(ProtocolVersion.v25.number) then older; decode and encode: \(ProtocolVersion.v25.number))
        line editing: libedit (readline API 0x\(readlineAPI))
        """
    }
}
