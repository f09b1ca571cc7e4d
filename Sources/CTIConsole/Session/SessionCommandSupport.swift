import ArgumentParser
import CTIClient
import CTIProtocol
import Foundation

/// The steps every session command shares: resolve settings, start (or reuse) the session,
/// turn failures into the documented exit codes.
enum SessionCommandSupport {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Resolves settings, reads the password, makes the session (not yet open).
    static func makeSession(_ options: ConnectionOptions, defaults: ConsoleSettings.Defaults, reconnect: Bool, quiet: Bool) async throws -> ConsoleSession {
        let settings = try resolveSettings(options, defaults: defaults)
        let password: [UInt8]
        do {
            password = try PasswordSource.read(value: options.password, file: settings.passwordFile, prompt: options.passwordPrompt, environment: environment)
        } catch {
            StandardStream.diagnose("cti: \(error)")
            throw ExitStatus.usage
        }
        do {
            return try await ConsoleSession.make(settings: settings, password: password, reconnect: reconnect, quiet: quiet)
        } catch {
            StandardStream.diagnose("cti: cannot start the embedded simulator: \(error)")
            throw ExitStatus.connectionFailure
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

    /// Opens the session; an OPEN refusal or no reachable server is exit 2, with the reason;
    /// unusable TLS files are the caller's to fix (64).
    @discardableResult
    static func open(_ session: ConsoleSession) async throws -> OpenConfirmation {
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
