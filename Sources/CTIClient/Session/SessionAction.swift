import CTIProtocol

/// A timer the session state machine asks for. Timers that belong to one connection carry its
/// epoch, so a timer left over from an earlier connection is recognised and ignored.
public enum SessionTimer: Hashable, Sendable {
    /// Try to connect to a side.
    case reconnect(CTISide)
    /// Time to send the next heartbeat (or count a miss).
    case heartbeat(CTISide, epoch: Int)
    /// OPEN_CONF did not come in time.
    case openTimeout(CTISide, epoch: Int)
    /// CLOSE_CONF did not come in time.
    case closeTimeout(CTISide, epoch: Int)
    /// A request's confirmation did not come in time.
    case request(invokeID: UInt32)
    /// The old side of a hand-off did not finish in time: deliver what the new side sent.
    case drain
    /// Send STOPPING_REQUESTS_TO_THIS_SIDE_IND to the side in maintenance (within 5 s).
    case stopping(CTISide, epoch: Int)
    /// ``ClientConfiguration/initialOpenDeadline`` passed.
    case initialOpen
}

/// What the runtime must do, in order, after the state machine handled an input.
public enum SessionAction: Hashable, Sendable {
    /// Open a TCP connection to a side.
    case connect(CTISide)
    /// Encode and write a message on a side's connection.
    case send(CTISide, CTIMessage)
    /// Close a side's connection at once (SO_LINGER 0) and cancel its timers.
    case reset(CTISide)
    case schedule(SessionTimer, after: Duration)
    case cancel(SessionTimer)
    /// Encode and decode with this protocol version from now on (``ClientConfiguration/negotiatesProtocolVersion``).
    case useProtocolVersion(ProtocolVersion)
    /// Hand a message to the consumer's event stream.
    case deliver(CTISide, CTIMessage, CTIFrame)
    /// Put a lifecycle record in the event stream.
    case report(LifecycleEvent)
    /// A HEARTBEAT_REQ went out on a side, and its HEARTBEAT_CONF came (the runtime times
    /// the round trip for ``CTIClient/status()``).
    case heartbeatSent(CTISide)
    case heartbeatConfirmed(CTISide)
    /// Complete a request.
    case resolve(invokeID: UInt32, Result<CTIMessage, CTIClientError>)
    /// Complete ``CTIClient/open()``.
    case openFinished(Result<OpenConfirmation, CTIClientError>)
    /// Complete ``CTIClient/close()``.
    case closeFinished
    /// The client is done: end the event stream (with the error that ended it, if any).
    case terminate(CTIClientError?)
}
