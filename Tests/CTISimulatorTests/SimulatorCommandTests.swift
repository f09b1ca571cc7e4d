import CTIProtocol
import CTISimulator
import Testing

/// The text commands: parsing, and ``CTISimulator/execute(_:)``.
@Suite struct SimulatorCommandTests {
    @Test(arguments: [
        ("help", SimulatorCommand("help")),
        ("  STATUS ", .init("status")),
        ("heartbeats stop a", .init("heartbeats stop", .side(.a))),
        ("heartbeats resume B", .init("heartbeats resume", .side(.b))),
        ("hang A", .init("hang", .side(.a))),
        ("unhang a", .init("unhang", .side(.a))),
        ("kill B", .init("kill", .side(.b))),
        ("revive b", .init("revive", .side(.b))),
        ("drop", .init("drop")),
        ("offline A", .init("offline", .side(.a))),
        ("maintenance", .init("maintenance")),
        ("malformed B", .init("malformed", .side(.b))),
        ("garbage a", .init("garbage", .side(.a))),
        ("flood 100", .init("flood", .count(100))),
        ("flood 100 250.5", .init("flood", .count(100), .rate(250.5))),
    ])
    func parses(line: String, command: SimulatorCommand) throws {
        #expect(try SimulatorCommand.parse(line) == command)
    }

    @Test(arguments: [
        ("xyzzy", "unknown command 'xyzzy'"),
        ("kill C", "'C' is not a side"),
        ("kill", "usage: kill A|B"),
        ("heartbeats pause A", "usage: heartbeats stop|resume A|B"),
        ("flood", "usage: flood N [RATE]"),
        ("flood -3", "usage: flood N [RATE]"),
        ("flood 10 fast", "usage: flood N [RATE]"),
        ("drop now", "'drop' takes no arguments"),
    ])
    func refuses(line: String, message: String) {
        #expect(throws: SimulatorCommandError.self) { try SimulatorCommand.parse(line) }
        #expect((try? SimulatorCommand.parse(line)) == nil)
        do {
            _ = try SimulatorCommand.parse(line)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func blankLinesAreNoCommand() throws {
        #expect(try SimulatorCommand.parse("   ") == nil)
    }

    @Test func executeAnswersEveryLineWithoutThrowing() async throws {
        try await withSimulator { simulator, _ in
            let help = await simulator.execute("help")
            for name in ["heartbeats stop A|B", "heartbeats resume A|B", "hang A|B", "kill A|B", "revive A|B", "drop", "offline A|B",
                         "maintenance", "malformed A|B", "flood N [RATE]", "status", "help"] {
                #expect(help.contains(name), "help lacks \(name)")
            }
            #expect(await simulator.execute("frobnicate") == "unknown command 'frobnicate'; type help for the list")
            #expect(await simulator.execute("") == "")
            let status = await simulator.execute("status")
            #expect(status.contains("side A: listening on 127.0.0.1:\(simulator.port(.a)!), active"))
            #expect(status.contains("side B: listening on 127.0.0.1:\(simulator.port(.b)!), standby"))
            #expect(await simulator.execute("heartbeats stop B").contains("side B: heartbeats stopped"))
            #expect(await simulator.execute("status").contains("standby, heartbeats stopped"))
            #expect(await simulator.execute("kill B").contains("side B: killed"))
            #expect(await simulator.execute("kill B") == "side B is already down")
            let revived = await simulator.execute("revive B")
            #expect(revived == "side B: listening on 127.0.0.1:\(simulator.port(.b)!) (standby)")
            let maintenance = await simulator.execute("maintenance")
            #expect(maintenance.contains("ACTIVE_MAINTENANCE_REQ_MSG to 0"), "\(maintenance)")
        }
    }

    @Test func callsAfterStopAnswerWithoutHangingOrCrashing() async throws {
        let simulator = CTISimulator(configuration: .ephemeral())
        try await simulator.start()
        await simulator.stop()
        await simulator.stop()
        simulator.publish(SimulatedEvents.endCall(1))
        #expect(await simulator.flood(count: 3) == 0)
        #expect(await simulator.execute("kill A") == "the simulator is stopped")
        #expect(await simulator.maintenance() == .aborted("simulator stopped"))
        await #expect(throws: SimulatorError.self) { try await simulator.firstIgnoredHeartbeat(on: .a) }
    }
}
