/// Where a ``CTIClient`` puts its messages and lifecycle records.
public enum EventDelivery: Sendable {
    /// The ``CTIClient/events`` stream, read by one task; reading it slowly pauses reading the
    /// socket (TCP back-pressure) once ``ClientConfiguration/bufferCapacity`` records wait.
    case stream
    /// Handed to the closure on the client's event loop, in order, as they come (it must not
    /// block), and `nil` once the client has ended; ``CTIClient/events`` then ends at once.
    /// For thousands of clients in one process (`cti load`, issue 22): no task waits on a stream
    /// per client, and nothing is buffered.
    case handler(@Sendable (ClientEvent?) -> Void)
}
