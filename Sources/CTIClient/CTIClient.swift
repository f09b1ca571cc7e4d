import CTIProtocol
import NIOCore
import NIOPosix

/// A client of a (duplexed) CTI Server: it connects, opens the session, keeps it alive with
/// heartbeats, reconnects to the other side when it fails, correlates requests with their
/// confirmations, and streams every message and lifecycle change to one consumer.
///
/// ```swift
/// let client = CTIClient(configuration: configuration)
/// let granted = try await client.open()
/// for await event in client.events { ... }
/// await client.close()
/// ```
public final class CTIClient: Sendable {
    /// The stream of messages and lifecycle records, in order (one consumer). It ends when the
    /// client is closed or gives up. Reading it slowly pauses reading the socket (TCP
    /// back-pressure) once ``ClientConfiguration/bufferCapacity`` records wait.
    public let events: ClientEventStream
    private let core: ClientCore

    /// The event loop the client runs on. Code that sends many requests and waits for each
    /// confirmation can run on it, as an actor whose executor it is
    /// (`nonisolated var unownedExecutor: UnownedSerialExecutor { client.eventLoop.executor.asUnownedSerialExecutor() }`):
    /// a request is then written and its confirmation resumes the caller without waking
    /// another thread (`cti-bench roundtrip --caller loop`).
    public var eventLoop: any EventLoop { core.loop }

    public init(configuration: ClientConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        core = ClientCore(configuration: configuration, loop: eventLoopGroup.next())
        events = ClientEventStream(producer: core.makeEvents())
    }

    /// Starts the client and waits until a session is open; returns what the server granted.
    /// Throws ``CTIClientError/openRefused(status:)`` when the server refuses the OPEN_REQ (the
    /// connection is reset), or ``CTIClientError/unreachable(_:)`` naming every side and why it
    /// failed when ``ClientConfiguration/initialOpenDeadline`` passes or
    /// ``ClientConfiguration/initialOpenRounds`` are used up first.
    @discardableResult
    public func open() async throws -> OpenConfirmation {
        try await core.loop.flatSubmit { self.core.open() }.get()
    }

    /// Sends a request (its InvokeID is filled in) and waits for its confirmation. Throws
    /// ``CTIClientError/requestFailed(status:)`` for FAILURE_CONF,
    /// ``CTIClientError/controlFailed(failureCode:peripheralErrorCode:)`` for
    /// CONTROL_FAILURE_CONF, or a timeout / connection error.
    public func send(_ request: MessageFields) async throws -> CTIMessage {
        // One hop to the loop: the request is sent there and the confirmation's future is
        // chained to `confirmation` (no wake-up of this task between the two).
        let confirmation = core.loop.makePromise(of: CTIMessage.self)
        let sent = SentRequest()
        core.loop.execute {
            let (invokeID, future) = self.core.send(request)
            sent.invokeID = invokeID
            future.cascade(to: confirmation)
        }
        // Cancelling the waiting task gives the request up (Ctrl-C in the REPL); a confirmation
        // that arrives later goes to the event stream. The cancel runs on the loop after the
        // send (the loop runs its tasks in order), so the InvokeID is known there.
        return try await withTaskCancellationHandler {
            try await confirmation.futureResult.get()
        } onCancel: {
            core.loop.execute { if let invokeID = sent.invokeID { self.core.cancel(invokeID: invokeID) } }
        }
    }

    /// Closes the session (CLOSE_REQ with `status`, at most the close timeout for CLOSE_CONF)
    /// and ends the event stream.
    public func close(status: StatusCode = .noError) async {
        try? await core.loop.flatSubmit { self.core.close(status: status) }.get()
    }

    /// Whether a session is open on the side requests go to.
    public var isOpen: Bool {
        get async { (try? await core.loop.submit { self.core.isOpen }.get()) ?? false }
    }

    /// The side requests go to, `nil` while no session is open.
    public var activeSide: CTISide? {
        get async { (try? await core.loop.submit { self.core.activeSide }.get()) ?? nil }
    }

    /// Reconnects at once instead of waiting for the back-off: to `side`, or by default to the
    /// other side than the one in use (single-session mode; in active/standby mode `side`'s
    /// connection, or every connection waiting for its back-off). A session open on the side
    /// left is reset; its pending requests fail. Returns false when the client is not running
    /// (``open()`` not called yet, or the client ended). `session.md` §1.
    @discardableResult
    public func reconnectNow(to side: CTISide? = nil) async -> Bool {
        (try? await core.loop.submit { self.core.reconnectNow(to: side) }.get()) ?? false
    }

    /// Where the session is and how it has been doing: side, state, heartbeat round trip,
    /// uptime, messages received, peripheral status, time since the last failover.
    public func status() async -> ClientStatus? {
        try? await core.loop.submit { self.core.status() }.get()
    }

    /// Calls `observer` with every lifecycle record as the client makes it (on the client's
    /// event loop: it must not block), besides putting it in ``events``: for a caller that
    /// reads the stream only once ``open()`` has returned but wants to show each attempt as it
    /// happens. Set it before ``open()``.
    public func observeLifecycle(_ observer: @escaping @Sendable (ClientEvent) -> Void) async {
        try? await core.loop.submit { self.core.observeLifecycle(observer) }.get()
    }
}

/// A request's InvokeID, set and read only on the client's loop.
private final class SentRequest: @unchecked Sendable {
    var invokeID: UInt32?
}

/// The client's events as an `AsyncSequence` (single consumer).
public struct ClientEventStream: AsyncSequence, @unchecked Sendable {
    public typealias Element = ClientEvent
    let producer: ClientCore.Producer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: ClientCore.Producer.AsyncIterator

        public mutating func next() async -> ClientEvent? { await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: producer.makeAsyncIterator()) }
}
