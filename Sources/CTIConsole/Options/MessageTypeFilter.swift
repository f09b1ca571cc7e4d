import ArgumentParser
import CTIProtocol

/// `--filter NAME,NAME,...` of `watch` and `decode --pcap`: the message types to show, by the
/// names `describe messages` lists (client-side: every message is still received and counted).
enum MessageTypeFilter {
    /// Checks every name of the list; a usage error names the first unknown one.
    static func validate(_ filter: String?) throws {
        for name in (filter ?? "").split(separator: ",") where MessageCatalog.standard.descriptor(named: name) == nil {
            throw ValidationError("--filter: unknown message type '\(name)' (see `cti describe messages`)")
        }
    }

    /// The catalog names of the list; empty (show every type) when there is none.
    static func names(_ filter: String?) -> Set<String> {
        Set((filter ?? "").split(separator: ",").compactMap { MessageCatalog.standard.descriptor(named: $0)?.name })
    }
}
