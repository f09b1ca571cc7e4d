import CTIClient
import CTISimulator
import Foundation
import Testing
@testable import CTIConsole

/// The console's pure parts: line splitting, settings precedence, the config file, history.
@Suite struct ConsoleUnitTests {
    @Test(arguments: [
        ("open --host a:1", ["open", "--host", "a:1"]),
        ("  send X  'Text=two words'  ", ["send", "X", "Text=two words"]),
        (#"send X "NamedVariable=user.q=say \"hi\"""#, ["send", "X", #"NamedVariable=user.q=say "hi""#]),
        (#"a\ b c"#, ["a b", "c"]),
        ("status # a comment", ["status"]),
        ("# only a comment", []),
        ("watch --filter=a#b", ["watch", "--filter=a#b"]),
        ("", []),
    ])
    func linesSplitLikeAShell(line: String, words: [String]) throws {
        #expect(try LineTokenizer.words(line) == words)
    }

    @Test func unterminatedQuotesAreErrors() {
        #expect(throws: LineTokenizer.Failure(description: "unterminated ' quote")) { try LineTokenizer.words("send 'oops") }
    }

    func temporaryConfig(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cti-config-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func settingsFollowFlagThenEnvironmentThenFileThenDefault() throws {
        let path = try temporaryConfig("""
        host = "file-a:1000"
        heartbeat = 30
        [profiles.lab]
        host = "lab-a"
        host-b = "lab-b:2000"
        services = "client-events,client-control"
        instrument = "2001"
        """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = try ConnectionOptions.parse(["--config", path])
        var settings = try ConsoleSettings.resolve(options, defaults: .watch, environment: [:])
        #expect(settings.hostA == Endpoint(host: "file-a", port: 1000))
        #expect(settings.heartbeat == .seconds(30))
        #expect(settings.sources["host"] == "config \(path)")
        #expect(settings.services == 0x10, "watch's default")
        #expect(!settings.embedded)

        settings = try ConsoleSettings.resolve(options, defaults: .watch, environment: ["CTI_HOST": "env-a", "CTI_PROFILE": "lab"])
        #expect(settings.hostA == Endpoint(host: "env-a", port: 42027))
        #expect(settings.sources["host"] == "env CTI_HOST")
        #expect(settings.hostB == Endpoint(host: "lab-b", port: 2000))
        #expect(settings.services == 0x5)
        #expect(settings.peripheral == 5000)

        options = try ConnectionOptions.parse(["--config", path, "--profile", "lab", "--host", "flag-a:3"])
        settings = try ConsoleSettings.resolve(options, defaults: .watch, environment: ["CTI_HOST": "env-a"])
        #expect(settings.hostA == Endpoint(host: "flag-a", port: 3))
        #expect(settings.sources["host"] == "flag")
    }

    @Test func configFileMistakesAreNamed() throws {
        let path = try temporaryConfig("hots = \"x\"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = try ConnectionOptions.parse(["--config", path])
        #expect(throws: ConsoleSettings.Failure.self) { try ConsoleSettings.resolve(options, defaults: .watch, environment: [:]) }
        do {
            _ = try ConsoleSettings.resolve(options, defaults: .watch, environment: [:])
        } catch {
            #expect("\(error)".contains("unknown key 'hots'"))
        }
        let missing = try ConnectionOptions.parse(["--config", path + ".missing"])
        #expect(throws: ConsoleSettings.Failure.self) { try ConsoleSettings.resolve(missing, defaults: .watch, environment: [:]) }
        let noProfile = try ConnectionOptions.parse(["--config", path.replacingOccurrences(of: "x", with: "x"), "--profile", "nope"])
        #expect(throws: ConsoleSettings.Failure.self) { try ConsoleSettings.resolve(noProfile, defaults: .watch, environment: [:]) }
    }

    @Test func noServerFallsBackToTheEmbeddedSimulatorUnlessForbidden() throws {
        let options = try ConnectionOptions.parse(["--no-config"])
        #expect(try ConsoleSettings.resolve(options, defaults: .watch, environment: [:]).embedded)
        let strict = try ConnectionOptions.parse(["--no-config", "--no-embedded"])
        #expect(throws: ConsoleSettings.NoServer.self) { try ConsoleSettings.resolve(strict, defaults: .watch, environment: [:]) }
    }

    @Test func theDefaultClientIDIsUniquePerProcess() throws {
        let settings = try ConsoleSettings.resolve(try ConnectionOptions.parse(["--no-config"]), defaults: .watch, environment: [:])
        #expect(settings.clientID.hasPrefix("cti-"))
        #expect(settings.clientID.hasSuffix("-\(getpid())"))
    }

    @Test func historyLivesUnderXDGStateHomeAndSkipsSecrets() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cti-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(History.path(environment: ["XDG_STATE_HOME": base]) == base + "/cti/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: base + "/cti")
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(History.path(environment: ["CTI_HISTFILE": "/dev/null"]) == nil)
        #expect(History.path(environment: ["CTI_HISTFILE": "/tmp/h"]) == "/tmp/h")
        #expect(History.holdsSecret("open --password-file x"))
        #expect(!History.holdsSecret("open --host a"))
    }
}

@Suite struct ScenarioTests {
    @Test func aScenarioDescribesAnotherContactCenter() throws {
        let scenario = try Scenario.parse("agents = 25\nremote-devices = 4\nrate = 2.5\nseed = 7\nperipherals = [5000, 5001]\n", path: "s.toml")
        #expect(scenario == Scenario(agents: 25, remoteDevices: 4, rate: 2.5, seed: 7, peripherals: [5000, 5001]))
        var configuration = SimulatorConfiguration.ephemeral()
        scenario.apply(to: &configuration)
        #expect(configuration.agentCount == 25)
        #expect(configuration.remoteDevices == 4)
        #expect(configuration.callRate == 2.5)
        #expect(configuration.seed == 7)
        #expect(configuration.peripherals == [5000, 5001])
    }

    @Test(arguments: ["agents = -1", "rate = \"fast\"", "peripherals = []", "colour = 3", "agents = "])
    func mistakesAreNamed(text: String) {
        #expect(throws: Scenario.Failure.self) { try Scenario.parse(text, path: "s.toml") }
    }
}
