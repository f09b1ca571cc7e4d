import CTIClient
import NIOConcurrencyHelpers

/// A session's events applied to one ``TopModel`` as they arrive (issue 21): one task reads the
/// client's event stream (single consumer) for as long as `cti top` runs, so nothing the server
/// sends between the configuration upload, the snapshot answers and the live view is lost.
/// ``configurationEnded`` says when CONFIG_END_EVENT (true) or FAILURE_CONF (false) came.
final class TopFeed: Sendable {
    private let model = NIOLockedValueBox(TopModel())
    private let pump: Task<Void, Never>
    /// One value: whether the configuration upload ended (CONFIG_END_EVENT) or failed.
    let configurationEnded: AsyncStream<Bool>

    init(client: CTIClient) {
        let (ended, end) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingOldest(1))
        configurationEnded = ended
        let model = model
        pump = Task {
            for await event in client.events {
                guard let message = event.message else { continue }
                model.withLockedValue { $0.apply(message, at: event.timestamp) }
                switch message.name {
                case "CONFIG_END_EVENT": end.yield(true)
                case "FAILURE_CONF": end.yield(false)
                default: break
                }
            }
            end.finish()
        }
    }

    /// Changes the model (a snapshot answer, the session line).
    func update(_ change: (inout TopModel) -> Void) { model.withLockedValue { change(&$0) } }

    /// The model as it is now.
    var current: TopModel { model.withLockedValue { $0 } }

    /// Stops reading events.
    func stop() { pump.cancel() }
}
