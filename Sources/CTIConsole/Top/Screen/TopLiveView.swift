import CTIClient
import Dispatch
import Foundation

/// The full-screen `cti top` (issue 21): the model the ``TopFeed`` keeps up to date, drawn every
/// `refresh` seconds, at once on a resize (SIGWINCH) and after a key; `q`, Ctrl-C, SIGINT,
/// SIGTERM or SIGHUP leave, with the terminal put back as it was.
struct TopLiveView {
    /// What wakes the view.
    enum Input: Sendable {
        case key(UInt8)
        case resize
        case tick
        case quit
    }

    let feed: TopFeed
    let client: CTIClient
    /// Seconds between frames.
    let refresh: Double
    let colored: Bool
    var screen: TopScreen

    /// Runs until a quit; the terminal is restored however it ends.
    func run() async {
        let terminal = TopTerminal()
        defer { terminal.restore() }
        let (inputs, input) = AsyncStream.makeStream(of: Input.self)
        let queue = DispatchQueue(label: "cti.top.input")
        for quitting in [SIGINT, SIGTERM, SIGHUP] { signal(quitting, SIG_IGN) }
        var sources: [any DispatchSourceProtocol] = [SIGINT, SIGTERM, SIGHUP].map { quitting in
            let source = DispatchSource.makeSignalSource(signal: quitting, queue: queue)
            source.setEventHandler { input.yield(.quit) }
            return source
        }
        let resizes = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: queue)
        resizes.setEventHandler { input.yield(.resize) }
        sources.append(resizes)
        let keys = DispatchSource.makeReadSource(fileDescriptor: terminal.input, queue: queue)
        keys.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(terminal.input, &buffer, buffer.count)
            guard count > 0 else {
                keys.cancel()  // end of input: keys are gone, signals still leave
                return
            }
            for key in buffer.prefix(count) { input.yield(.key(key)) }
        }
        sources.append(keys)
        for source in sources { source.resume() }
        let refresh = refresh
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(refresh * 1000)))
                input.yield(.tick)
            }
        }
        defer {
            ticker.cancel()
            for source in sources { source.cancel() }
            for quitting in [SIGINT, SIGTERM, SIGHUP] { signal(quitting, SIG_DFL) }
        }
        var screen = screen
        await draw(screen, on: terminal)
        for await next in inputs {
            switch next {
            case .quit:
                return
            case .key(let key):
                switch screen.handle(key) {
                case .quit: return
                case .redraw: await draw(screen, on: terminal)
                case .none: break
                }
            case .resize, .tick:
                await draw(screen, on: terminal)
            }
        }
    }

    /// One frame of the model as it is now, in one write.
    private func draw(_ screen: TopScreen, on terminal: TopTerminal) async {
        await TopCommand.sessionLine(client, into: feed)
        terminal.write(screen.frame(feed.current, size: terminal.size, colored: colored))
    }
}
