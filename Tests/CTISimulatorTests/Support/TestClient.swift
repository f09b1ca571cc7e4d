import CTIProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A tiny CTI client for the simulator tests (independent of CTIClient): a NIO connection with
/// the frame decoder, sending messages as given (as bytes, always in the PV25 layout: an older
/// version's requests have the same layouts) and queueing what arrives, decoded in its protocol
/// version, for `next()`.
final class TestClient: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case timeout(waitingFor: String)
        case closed(waitingFor: String)
        case undecodable(CTIDecodeError)
        case unexpected(String, expected: String)

        var description: String {
            switch self {
            case .timeout(let what): "timed out waiting for \(what)"
            case .closed(let what): "connection closed while waiting for \(what)"
            case .undecodable(let error): "undecodable frame: \(error)"
            case .unexpected(let got, let expected): "got \(got), expected \(expected)"
            }
        }
    }

    let channel: any Channel
    private let inbox: Inbox

    private init(channel: any Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` sets SO_RCVBUF (which also stops the
    /// kernel from growing it: a slow consumer then fills up quickly). `onDemand`: the socket
    /// is read (4 KB at a time) only while `next()` waits, so the server can never run more
    /// than a few buffers ahead of what the test has taken. What arrives is decoded in `version`;
    /// `recordsFrames` keeps every frame received too (``receivedFrames``).
    static func connect(port: Int?, receiveBuffer: Int? = nil, onDemand: Bool = false, version: ProtocolVersion = .v25,
                        recordsFrames: Bool = false) async throws -> TestClient {
        let inbox = Inbox(onDemand: onDemand, recordsFrames: recordsFrames)
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
        if let receiveBuffer { bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer)) }
        if onDemand {
            bootstrap = bootstrap.channelOption(.autoRead, value: false)
                .channelOption(.maxMessagesPerRead, value: 1)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 4096))
        }
        let channel = try await bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(CTIFrameDecoder()),
                        InboxHandler(inbox: inbox, decoder: CTIMessageDecoder(version: version)),
                    ])
                }
            }
            .connect(host: "127.0.0.1", port: port ?? 0)
            .get()
        return TestClient(channel: channel, inbox: inbox)
    }

    // MARK: Sending

    /// Sends a message as given (undefined mask bits allowed: the tests send bad requests on purpose).
    func send(_ message: CTIMessage) async throws {
        var buffer = try CTIMessageEncoder(version: .v25, allowUndefinedMaskBits: true).encode(message)
        let length = buffer.readInteger(as: UInt32.self)!
        let type = buffer.readInteger(as: UInt32.self)!
        try await sendFrame(type: type, body: buffer.readSlice(length: Int(length))!)
    }

    func send(_ fields: MessageFields) async throws { try await send(.fields(fields)) }

    func sendFrame(type: UInt32, body: ByteBuffer) async throws {
        try await sendBytes(CTIFrame(type: type, body: body).bytes)
    }

    /// Writes bytes as they are (the pipeline has no encoder: frames are written as bytes).
    func sendBytes(_ bytes: ByteBuffer) async throws {
        try await channel.writeAndFlush(bytes).get()
    }

    /// Stops reading the socket (a slow consumer).
    func stopReading() async throws { try await channel.setOption(.autoRead, value: false).get() }

    func close() async { try? await channel.close() }

    // MARK: Receiving

    /// The next message; throws on timeout, close or an undecodable frame.
    func next(timeout: Duration = .seconds(5), waitingFor what: String = "a message") async throws -> CTIMessage {
        switch await inbox.take(timeout: timeout, from: channel) {
        case .message(let message)?: return message
        case .undecodable(let error)?: throw Failure.undecodable(error)
        case .closed?: throw Failure.closed(waitingFor: what)
        case nil: throw Failure.timeout(waitingFor: what)
        }
    }

    /// The next message, which must be `name`.
    @discardableResult
    func expect(_ name: String, timeout: Duration = .seconds(5)) async throws -> MessageFields {
        let message = try await next(timeout: timeout, waitingFor: name)
        guard message.name == name, let fields = message.fields else {
            throw Failure.unexpected("\(message.name) \(message.fields.map { "\($0.fixed)" } ?? "")", expected: name)
        }
        return fields
    }

    /// The frames received so far, in order (with `recordsFrames`).
    var receivedFrames: [CTIFrame] { inbox.frames }

    /// What arrives within `duration` (`nil`: nothing).
    func nextItem(within duration: Duration) async -> Inbox.Item? {
        await inbox.take(timeout: duration, from: channel)
    }

    /// The messages received until the server closes the connection.
    @discardableResult
    func drainUntilClosed(timeout: Duration = .seconds(15)) async throws -> [CTIMessage] {
        var messages: [CTIMessage] = []
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - ContinuousClock.now
            switch await inbox.take(timeout: max(left, .milliseconds(1)), from: channel) {
            case .message(let message)?: messages.append(message)
            case .undecodable(let error)?: throw Failure.undecodable(error)
            case .closed?: return messages
            case nil: throw Failure.timeout(waitingFor: "the server to close the connection")
            }
        }
    }

    // MARK: Session helpers

    /// Sends OPEN_REQ and returns OPEN_CONF (throws on FAILURE_CONF).
    @discardableResult
    func open(_ request: OpenRequest) async throws -> MessageFields {
        try await send(.fields(request.fields))
        return try await expect("OPEN_CONF")
    }

    /// Sends an OPEN_REQ that must be refused; returns FAILURE_CONF's (InvokeID, Status).
    func openRefused(_ fields: MessageFields) async throws -> (invokeID: UInt32, status: UInt32) {
        try await send(fields)
        let failure = try await expect("FAILURE_CONF")
        return (failure.number(.invokeID)!, failure.number(.status)!)
    }
}

/// Messages received by a ``TestClient``, waiting to be taken.
final class Inbox: Sendable {
    enum Item: Sendable {
        case message(CTIMessage)
        case undecodable(CTIDecodeError)
        case closed
    }

    private struct State {
        var queue = CircularBuffer<Item>()
        var isClosed = false
        var waiter: (id: Int, continuation: CheckedContinuation<Item?, Never>)?
        var timer: Scheduled<Void>?
        var waiters = 0
    }

    private let state = NIOLockedValueBox(State())
    /// Read the socket only while someone waits (see ``TestClient/connect(port:receiveBuffer:onDemand:version:recordsFrames:)``).
    let onDemand: Bool
    let recordsFrames: Bool
    private let recorded = NIOLockedValueBox<[CTIFrame]>([])

    init(onDemand: Bool, recordsFrames: Bool = false) {
        self.onDemand = onDemand
        self.recordsFrames = recordsFrames
    }

    /// The frames received so far (with `recordsFrames`).
    var frames: [CTIFrame] { recorded.withLockedValue { $0 } }

    func record(_ frame: CTIFrame) {
        if recordsFrames { recorded.withLockedValue { $0.append(frame) } }
    }

    /// Someone waits and nothing is queued: read on.
    var isWaiting: Bool { state.withLockedValue { $0.waiter != nil } }

    func push(_ item: Item) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Item?, Never>? in
            if case .closed = item {
                guard !state.isClosed else { return nil }
                state.isClosed = true
            }
            if let waiter = state.waiter {
                state.waiter = nil
                state.timer?.cancel()
                state.timer = nil
                return waiter.continuation
            }
            state.queue.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// The next item, or `nil` after `timeout`. One taker at a time.
    func take(timeout: Duration, from channel: any Channel) async -> Item? {
        let loop = channel.eventLoop
        return await withCheckedContinuation { continuation in
            let (ready, id): (Item??, Int) = state.withLockedValue { state in
                if let item = state.queue.popFirst() { return (.some(item), 0) }
                if state.isClosed { return (.some(.closed), 0) }
                state.waiters += 1
                state.waiter = (state.waiters, continuation)
                return (nil, state.waiters)
            }
            if let ready {
                continuation.resume(returning: ready)
                return
            }
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            let timer = loop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                let expired = self.state.withLockedValue { state -> CheckedContinuation<Item?, Never>? in
                    guard let waiter = state.waiter, waiter.id == id else { return nil }
                    state.waiter = nil
                    state.timer = nil
                    return waiter.continuation
                }
                expired?.resume(returning: nil)
            }
            state.withLockedValue { state in
                if state.waiter?.id == id { state.timer = timer } else { timer.cancel() }
            }
            if onDemand { channel.read() }
        }
    }
}

/// Decodes frames (in the client's version) into the inbox.
private final class InboxHandler: ChannelInboundHandler {
    typealias InboundIn = CTIFrame

    let inbox: Inbox
    let decoder: CTIMessageDecoder

    init(inbox: Inbox, decoder: CTIMessageDecoder) {
        self.inbox = inbox
        self.decoder = decoder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        inbox.record(frame)
        do {
            inbox.push(.message(try decoder.decode(frame)))
        } catch {
            inbox.push(.undecodable(error))
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // On demand: a read that completed no message (half a frame) reads on.
        if inbox.onDemand && inbox.isWaiting { context.read() }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbox.push(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
