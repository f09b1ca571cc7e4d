import ArgumentParser
import CTIClient
import CTIOutput
import CTIProtocol
import Foundation

/// The steps every session command shares: resolve settings, start (or reuse) the session,
/// turn failures into the documented exit codes.
enum SessionCommandSupport {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Resolves settings, reads the password, makes the session (not yet open).
    static func makeSession(_ options: ConnectionOptions, defaults: ConsoleSettings.Defaults, reconnect: Bool, quiet: Bool,
                            frameTap: FrameTap? = nil) async throws -> ConsoleSession {
        let settings = try resolveSettings(options, defaults: defaults)
        let password = try readPassword(options, settings: settings)
        do {
            return try await ConsoleSession.make(settings: settings, password: password, reconnect: reconnect, quiet: quiet, frameTap: frameTap)
        } catch {
            StandardStream.diagnose("cti: cannot start the embedded simulator: \(error)")
            throw ExitStatus.connectionFailure
        }
    }

    /// The ClientPassword the options give (`--password`, `--password-file`, the prompt,
    /// `CTI_PASSWORD`); one that cannot be read is exit 64, named.
    static func readPassword(_ options: ConnectionOptions, settings: ConsoleSettings) throws -> [UInt8] {
        do {
            return try PasswordSource.read(value: options.password, file: settings.passwordFile, prompt: options.passwordPrompt,
                                           environment: environment)
        } catch {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.usage
        }
    }

    /// Resolves the settings; no server with `--no-embedded` is exit 2, anything else wrong 64.
    static func resolveSettings(_ options: ConnectionOptions, defaults: ConsoleSettings.Defaults) throws -> ConsoleSettings {
        do {
            return try ConsoleSettings.resolve(options, defaults: defaults, environment: environment)
        } catch let error as ConsoleSettings.NoServer {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.connectionFailure
        } catch {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.usage
        }
    }

    /// Opens the session (one-shot); an OPEN refusal or no reachable server is exit 2, with the
    /// reason; unusable TLS files are the caller's to fix (64). Each failed attempt shows on
    /// stderr as it happens (`-q`: not), and with `--lifecycle` every lifecycle record on stdout:
    /// the caller reads the event stream only once the session is open, so these are printed
    /// from the client's lifecycle observer (and are not printed again from the stream).
    @discardableResult
    static func open(_ session: ConsoleSession, output: EventOutputOptions) async throws -> OpenConfirmation {
        let printer = EventPrinter(options: output, environment: environment)
        await session.client.observeLifecycle { event in
            guard let record = event.lifecycle, printer.lifecycleOnStdout || record.isFailure else { return }
            try? printer.print(event)
            try? StandardStream.output.flush()
        }
        do {
            return try await session.client.open()
        } catch {
            StandardStream.diagnose("cti: \(error)")
            await session.shutdown()
            if case CTIClientError.tls = error { throw ExitStatus.usage }
            throw ExitStatus.connectionFailure
        }
    }
}
