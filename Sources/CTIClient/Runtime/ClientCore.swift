import CTIProtocol
import NIOCore
import NIOPosix
import NIOSSL

/// Carries out the ``SessionStateMachine``'s actions with real sockets and timers. Confined to
/// one event loop: every method runs on `loop` (the public ``CTIClient`` hops there first).
final class ClientCore: @unchecked Sendable {
    typealias Producer = NIOAsyncSequenceProducer<ClientEvent, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, ProducerDelegate>

    let loop: any EventLoop
    private var machine: SessionStateMachine
    private let configuration: ClientConfiguration
    private var encoder: CTIMessageEncoder
    private var decoder: CTIMessageDecoder
    /// The TLS context (read once from the configured files), or why it cannot be made.
    private let tls: Result<NIOSSLContext, CTIClientError>?
    private var source: Producer.Source?
    /// ``EventDelivery/handler(_:)``: events go here instead of ``source``.
    private var handler: (@Sendable (ClientEvent?) -> Void)?
    private var connections: [CTISide: (id: Int, channel: (any Channel)?)] = [:]
    private var nextConnectionID = 0
    private var timers: [SessionTimer: Scheduled<Void>] = [:]
    private var openWaiters: [EventLoopPromise<OpenConfirmation>] = []
    private var openResult: Result<OpenConfirmation, CTIClientError>?
    private var closeWaiters: [EventLoopPromise<Void>] = []
    private var requests: [UInt32: EventLoopPromise<CTIMessage>] = [:]
    private var sequence: UInt64 = 0
    private var readingPaused = false
    private var terminated = false
    /// The events of one read burst, handed to the stream together when the burst ends
    /// (`channelReadComplete`): the consumer wakes once per burst, not once per event.
    private var batch: [ClientEvent] = []
    private var inReadBurst = false
    /// Sees every lifecycle record as it is made (``CTIClient/observeLifecycle(_:)``).
    private var lifecycleObserver: (@Sendable (ClientEvent) -> Void)?
    /// For ``status()``: counted as the session goes.
    private var messagesReceived: UInt64 = 0
    private var sessionsOpened = 0
    private var openedAt: [CTISide: NIODeadline] = [:]
    private var heartbeatSentAt: [CTISide: NIODeadline] = [:]
    private var lastHeartbeatRoundTrip: Duration?
    private var lastFailoverAt: NIODeadline?
    /// Frames encoded so far: one per message written, and the OPEN_REQ checked at ``open()``.
    private(set) var framesEncoded = 0

    init(configuration: ClientConfiguration, loop: any EventLoop) {
        self.configuration = configuration
        self.loop = loop
        self.machine = SessionStateMachine(configuration: configuration)
        self.encoder = CTIMessageEncoder(version: configuration.protocolVersion, allowUndefinedMaskBits: configuration.allowUndefinedMaskBits)
        self.decoder = CTIMessageDecoder(version: configuration.protocolVersion)
        self.tls = configuration.tls.map { settings in Result { () throws(CTIClientError) in try settings.makeContext() } }
    }

    /// Creates the event stream (once).
    func makeEvents() -> Producer {
        let capacity = max(2, configuration.bufferCapacity)
        let made = Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: capacity / 2, highWatermark: capacity),
            finishOnDeinit: false,
            delegate: ProducerDelegate(core: self))
        switch configuration.eventDelivery {
        case .stream:
            source = made.source
        case .handler(let handler):
            self.handler = handler
            made.source.finish()
        }
        return made.sequence
    }

    // MARK: - Operations (on the loop)

    func open() -> EventLoopFuture<OpenConfirmation> {
        loop.preconditionInEventLoop()
        if let openResult { return loop.makeCompletedFuture(openResult.mapError { $0 as any Error }) }
        if case .failure(let error) = tls { return loop.makeFailedFuture(error) }
        do {
            // A configuration whose OPEN_REQ cannot be encoded fails here, not on the wire.
            _ = try encode(.fields(configuration.open.fields))
        } catch {
            return loop.makeFailedFuture(CTIClientError.encoding(error.description))
        }
        let promise = loop.makePromise(of: OpenConfirmation.self)
        openWaiters.append(promise)
        process(machine.start())
        return promise.futureResult
    }

    /// Sends a request; its InvokeID (nil when it was refused at once) and its confirmation.
    ///
    /// The request is encoded once, with the InvokeID it is about to get: that checks it before
    /// it takes the InvokeID, and those bytes are what is written.
    func send(_ request: MessageFields) -> (UInt32?, EventLoopFuture<CTIMessage>) {
        loop.preconditionInEventLoop()
        let numbered = machine.numbered(request)
        let frame: ByteBuffer
        do {
            frame = try encode(.fields(numbered))
        } catch {
            return (nil, loop.makeFailedFuture(CTIClientError.encoding(error.description)))
        }
        let (invokeID, actions) = machine.send(request)
        guard let invokeID else {
            return (nil, loop.makeFailedFuture(machine.isClosed ? CTIClientError.closed : CTIClientError.notOpen))
        }
        let promise = loop.makePromise(of: CTIMessage.self)
        requests[invokeID] = promise
        // The first action sends the request itself: the frame encoded above.
        guard case .send(let side, let sent)? = actions.first, sent == .fields(numbered) else {
            preconditionFailure("the request was not sent as numbered: \(actions)")
        }
        connections[side]?.channel?.writeAndFlush(frame, promise: nil)
        process(actions.dropFirst())
        return (invokeID, promise.futureResult)
    }

    /// Gives a pending request up (its waiter was cancelled).
    func cancel(invokeID: UInt32) {
        process(machine.cancel(invokeID: invokeID))
    }

    func close(status: StatusCode) -> EventLoopFuture<Void> {
        loop.preconditionInEventLoop()
        let promise = loop.makePromise(of: Void.self)
        closeWaiters.append(promise)
        process(machine.close(status: status))
        return promise.futureResult
    }

    var isOpen: Bool { machine.isOpen }
    var activeSide: CTISide? { machine.isOpen ? machine.activeSide : nil }

    func observeLifecycle(_ observer: @escaping @Sendable (ClientEvent) -> Void) {
        loop.preconditionInEventLoop()
        lifecycleObserver = observer
    }

    /// Skips the back-off (``SessionStateMachine/reconnectNow(to:)``); false when the client
    /// is not running (not yet opened, or ended).
    func reconnectNow(to side: CTISide?) -> Bool {
        loop.preconditionInEventLoop()
        let actions = machine.reconnectNow(to: side)
        process(actions)
        return !actions.isEmpty
    }

    func status() -> ClientStatus {
        loop.preconditionInEventLoop()
        let now = NIODeadline.now()
        let sides: [CTISide] = configuration.sideB == nil ? [.a] : [.a, .b]
        let states = Dictionary(uniqueKeysWithValues: sides.map { ($0, machine.state(of: $0)) })
        let busy: Set<ClientStatus.LegState> = [.connecting, .opening, .waitingToReconnect, .closing]
        let side = activeSide ?? sides.first { busy.contains(states[$0]!) }
        return ClientStatus(
            side: side, endpoint: side.map { configuration.endpoint($0) }, states: states, heartbeatInterval: configuration.heartbeatInterval,
            lastHeartbeatRoundTrip: lastHeartbeatRoundTrip, sessionUptime: activeSide.flatMap { openedAt[$0] }.map { Duration(now - $0) },
            messagesReceived: messagesReceived, sessionsOpened: sessionsOpened, peripheralOnline: machine.peripheralOnline,
            sinceLastFailover: lastFailoverAt.map { Duration(now - $0) }, protocolVersion: encoder.version.number)
    }

    // MARK: - From the channels (on the loop)

    func frameReceived(_ frame: CTIFrame, side: CTISide, connectionID: Int) {
        guard connections[side]?.id == connectionID else { return }
        inReadBurst = true
        do {
            let message = try decoder.decode(frame)
            process(machine.received(side, message, frame: frame))
        } catch {
            emit(.undecodable(error, frame), side: side)
        }
    }

    /// The end of a read burst: what it produced goes to the stream.
    func readComplete() {
        inReadBurst = false
        flush()
    }

    func connectionClosed(side: CTISide, connectionID: Int, reason: String) {
        inReadBurst = false
        guard connections[side]?.id == connectionID else { return }
        connections[side] = nil
        process(machine.connectionClosed(side, reason: reason))
    }

    // MARK: - Back-pressure

    /// The consumer caught up: read the sockets again.
    func resumeReading() {
        loop.preconditionInEventLoop()
        guard readingPaused else { return }
        readingPaused = false
        machine.readingPaused(false)
        for connection in connections.values { connection.channel?.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in } }
        for connection in connections.values { connection.channel?.read() }
    }

    private func pauseReading() {
        guard !readingPaused else { return }
        readingPaused = true
        machine.readingPaused(true)
        for connection in connections.values { connection.channel?.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in } }
    }

    // MARK: - Actions

    private func process(_ actions: some Sequence<SessionAction>) {
        for action in actions { perform(action) }
    }

    private func perform(_ action: SessionAction) {
        switch action {
        case .connect(let side):
            connect(side)
        case .send(let side, let message):
            guard let channel = connections[side]?.channel else { return }
            do {
                channel.writeAndFlush(try encode(message), promise: nil)
            } catch {
                // Requests are encoded (and checked) by send(_:), the OPEN_REQ was checked at
                // open(); a message that still does not encode ends this connection, loudly.
                channel.close(promise: nil)
                connections[side] = nil
                process(machine.connectionClosed(side, reason: "cannot encode \(message.name): \(error)"))
            }
        case .reset(let side):
            // Forgotten before it closes: a close on the loop may report the channel inactive
            // at once, and that must not count as a failure of the connection that replaces it
            // (``CTIClient/reconnectNow(to:)`` resets and reconnects a side in one go).
            let channel = connections.removeValue(forKey: side)?.channel
            channel?.close(promise: nil)
            openedAt[side] = nil
            heartbeatSentAt[side] = nil
            for timer in timers.keys where timer.belongs(to: side) { timers.removeValue(forKey: timer)?.cancel() }
        case .schedule(let timer, let delay):
            timers.removeValue(forKey: timer)?.cancel()
            timers[timer] = loop.scheduleTask(in: TimeAmount(delay)) { [self] in
                timers[timer] = nil
                process(machine.timerFired(timer))
            }
        case .cancel(let timer):
            timers.removeValue(forKey: timer)?.cancel()
        case .useProtocolVersion(let version):
            encoder.version = version
            decoder.version = version
        case .deliver(let side, let message, let frame):
            messagesReceived &+= 1
            emit(.message(message, frame), side: side)
        case .report(let event):
            switch event {
            case .opened(let side, _, _):
                openedAt[side] = .now()
                sessionsOpened += 1
            case .failedOver:
                lastFailoverAt = .now()
            default:
                break
            }
            if let record = emit(.lifecycle(event), side: event.side) { lifecycleObserver?(record) }
        case .heartbeatSent(let side):
            heartbeatSentAt[side] = .now()
        case .heartbeatConfirmed(let side):
            if let sent = heartbeatSentAt.removeValue(forKey: side) { lastHeartbeatRoundTrip = Duration(.now() - sent) }
        case .resolve(let invokeID, let result):
            requests.removeValue(forKey: invokeID)?.completeWith(result.mapError { $0 as any Error })
        case .openFinished(let result):
            openResult = result
            for waiter in openWaiters { waiter.completeWith(result.mapError { $0 as any Error }) }
            openWaiters = []
        case .closeFinished:
            for waiter in closeWaiters { waiter.succeed() }
            closeWaiters = []
        case .terminate:
            inReadBurst = false
            flush()
            terminated = true
            for timer in timers.values { timer.cancel() }
            timers = [:]
            for (_, promise) in requests { promise.fail(CTIClientError.closed) }
            requests = [:]
            for waiter in closeWaiters { waiter.succeed() }
            closeWaiters = []
            source?.finish()
            handler?(nil)
            handler = nil
        }
    }

    private func encode(_ message: CTIMessage) throws(CTIEncodeError) -> ByteBuffer {
        framesEncoded += 1
        return try encoder.encode(message)
    }

    private func connect(_ side: CTISide) {
        nextConnectionID += 1
        let id = nextConnectionID
        connections[side] = (id, nil)
        let endpoint = configuration.endpoint(side)
        let tlsContext = try? tls?.get()
        var bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
        if let size = configuration.receiveBufferSize {
            bootstrap = bootstrap.channelOption(ChannelOptions.recvAllocator,
                                                value: AdaptiveRecvByteBufferAllocator(minimum: min(64, size), initial: size, maximum: max(65_536, size)))
        }
        bootstrap = bootstrap
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(ClientTLS.handler(context: tlsContext, host: endpoint.host))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ConnectionHandler(core: self, side: side, connectionID: id, tls: tlsContext != nil, tap: configuration.frameTap))
                }
            }
        bootstrap.connect(host: endpoint.host, port: endpoint.port).hop(to: loop).whenComplete { [self] result in
            switch result {
            case .success(let channel):
                guard connections[side]?.id == id, !terminated else {
                    channel.close(promise: nil)
                    return
                }
                connections[side] = (id, channel)
                // SO_LINGER on with 0: a reset closes at once (`session.md` §1).
                if let provider = channel as? any SocketOptionProvider {
                    provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in }
                }
                if readingPaused { channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in } }
                process(machine.connected(side))
            case .failure(let error):
                guard connections[side]?.id == id else { return }
                connections[side] = nil
                process(machine.connectFailed(side, reason: ClientCore.describe(error)))
            }
        }
    }

    /// Puts a record in the stream; the record, or `nil` once the stream has ended.
    @discardableResult
    private func emit(_ kind: ClientEvent.Kind, side: CTISide?) -> ClientEvent? {
        guard source != nil || handler != nil, !terminated else { return nil }
        sequence += 1
        let event = ClientEvent(timestamp: WallClock.milliseconds(), sequence: sequence, side: side, kind: kind)
        batch.append(event)
        if !inReadBurst { flush() }
        return event
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let events = batch
        batch.removeAll(keepingCapacity: true)
        if let handler {
            for event in events { handler(event) }
        } else if let source, case .stopProducing = source.yield(contentsOf: events) {
            pauseReading()
        }
    }

    /// A connection error in a few words: "connection refused", "connect timeout", the DNS error.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve \(error.host)" }
            return error.connectionErrors.first.map { describe($0.error) } ?? "no address for \(error.host)"
        case let error as IOError:
            return TLSFailure.systemError(error.errnoCode)
        case is ChannelError where "\(error)".contains("connectTimeout"):
            return "connect timeout"
        default:
            return TLSFailure.describe(error)
        }
    }
}

/// Resumes reading when the consumer wants more.
struct ProducerDelegate: NIOAsyncSequenceProducerDelegate {
    let core: ClientCore

    func produceMore() {
        core.loop.execute { core.resumeReading() }
    }

    func didTerminate() {}
}

extension SessionTimer {
    /// Whether the timer belongs to a side's connection (cancelled when it resets).
    func belongs(to side: CTISide) -> Bool {
        switch self {
        case .heartbeat(let s, _), .openTimeout(let s, _), .closeTimeout(let s, _), .stopping(let s, _): s == side
        case .reconnect, .request, .drain, .initialOpen: false
        }
    }
}

extension Duration {
    init(_ amount: TimeAmount) {
        self = .nanoseconds(amount.nanoseconds)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
