import CTIProtocol

/// The CTI service bits the simulator's rules depend on (`constants.md` §1).
typealias ServiceBits = ServiceMaskBits
