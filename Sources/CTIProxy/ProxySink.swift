import CTIProtocol

/// What the proxy hands its printer: each whole frame relayed (decoded, or not decodable), and
/// the notes.
public enum ProxyRecord: Sendable {
    /// A frame decoded; `time`: when its last bytes were read (since 1970).
    case message(CTIMessage, CTIFrame, ProxyLeg, time: Duration)
    /// A frame that does not decode (it was relayed as it came).
    case undecodable(CTIFrame, CTIDecodeError, ProxyLeg, time: Duration)
    case note(ProxyNote)
}

/// Where a ``CTIProxy`` prints (pluggable: the console's `-o` formats, a benchmark's counter, a
/// test's collector). Called on the proxy's printer queue, one record after the other, never
/// on the relay's event loop: a slow sink slows no relay (records past
/// ``ProxyConfiguration/printQueueCapacity`` are counted as not printed instead).
public protocol ProxySink: Sendable {
    func show(_ record: ProxyRecord)
}
