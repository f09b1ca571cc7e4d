import CTIProtocol

/// Names of protocol values for the console's own lines.
enum CTIProtocolNames {
    static func services(_ mask: UInt32) -> String {
        let names = MessageCatalog.standard.serviceMask.bitNames(of: mask)
        return names.isEmpty ? "0" : names.joined(separator: "|")
    }
}
