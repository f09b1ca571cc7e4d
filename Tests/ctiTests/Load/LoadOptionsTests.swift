@testable import CTIConsole
import CTIProtocol
import Testing

/// The values `cti load` parses: times, distributions, the agents file, the failure, loopback.
@Suite struct LoadOptionsTests {
    @Test func timesTakeAUnitOrSeconds() throws {
        #expect(try LoadTime.parse("90", option: "--duration") == .seconds(90))
        #expect(try LoadTime.parse("90s", option: "--duration") == .seconds(90))
        #expect(try LoadTime.parse("1.5m", option: "--duration") == .seconds(90))
        #expect(try LoadTime.parse("2h", option: "--duration") == .seconds(7_200))
        #expect(try LoadTime.parse("500ms", option: "--duration") == .milliseconds(500))
        #expect(try LoadTime.parse("0", option: "--ramp", allowsZero: true) == .zero)
        for bad in ["", "0", "-1", "ten", "5x", "25h", "nan"] {
            #expect(throws: LoadOptionError.self, "\(bad)") { try LoadTime.parse(bad, option: "--duration") }
        }
        let failure = try? LoadTime.parse("5x", option: "--duration")
        #expect(failure == nil)
    }

    @Test func distributionsAreFixedUniformOrExponential() throws {
        #expect(try SecondsDistribution.parse("30", option: "--talk") == .fixed(.seconds(30)))
        #expect(try SecondsDistribution.parse("20-40", option: "--talk") == .uniform(.seconds(20), .seconds(40)))
        #expect(try SecondsDistribution.parse("500ms-2s", option: "--talk") == .uniform(.milliseconds(500), .seconds(2)))
        #expect(try SecondsDistribution.parse("exp:45", option: "--talk") == .exponential(mean: .seconds(45)))
        #expect(try SecondsDistribution.parse("20-40", option: "--talk").description == "20-40")
        for bad in ["40-20", "1-2-3", "exp:0", "exp:", "x"] {
            #expect(throws: LoadOptionError.self, "\(bad)") { try SecondsDistribution.parse(bad, option: "--talk") }
        }
    }

    @Test func drawsStayInTheirRangeAndTheExponentialHasItsMean() throws {
        var random = SplitMix64(seed: 3)
        let uniform = SecondsDistribution.uniform(.seconds(20), .seconds(40))
        for _ in 0..<1_000 {
            let value = uniform.draw(&random)
            #expect(value >= .seconds(20) && value <= .seconds(40))
        }
        let exponential = SecondsDistribution.exponential(mean: .seconds(10))
        let mean = (0..<20_000).map { _ in exponential.draw(&random).fractionalSeconds }.reduce(0, +) / 20_000
        #expect(abs(mean - 10) < 0.5, "mean \(mean)")
    }

    @Test func theAgentsFileReadsEachColumn() throws {
        let text = """
        agent_id,instrument,password,skill_groups,remote_phone
        # a comment
        1001,2001,secret,10;11,9195550001

        "1002" , 2002 ,"pa,ss",12
        1003,2003
        """
        let agents = try AgentsFile.parse(text, path: "agents.csv")
        #expect(agents == [
            LoadAgent(agentID: "1001", instrument: "2001", password: "secret", skillGroups: [10, 11], remotePhone: "9195550001"),
            LoadAgent(agentID: "1002", instrument: "2002", password: "pa,ss", skillGroups: [12]),
            LoadAgent(agentID: "1003", instrument: "2003"),
        ])
    }

    @Test func aBadAgentsFileNamesTheLine() {
        let cases: [(String, String)] = [
            ("1001\n", "agents.csv:1: expected 2 to 5 fields"),
            ("1001,2001\n1002,2001\n", "agents.csv:2: instrument 2001 is listed again (first on line 1)"),
            ("1001,2001\n1001,2002\n", "agents.csv:2: agent 1001 is listed again"),
            ("1001,2001,,x1\n", "agents.csv:1: skill group 'x1' of agent 1001 is not a number"),
            ("\"1001,2001\n", "agents.csv:1: a quoted field is not closed"),
            (",2001\n", "agents.csv:1: the agent ID is empty"),
            ("# nothing\n", "agents.csv: no agents in the file"),
        ]
        for (text, message) in cases {
            do {
                _ = try AgentsFile.parse(text, path: "agents.csv")
                Issue.record("no failure for \(text)")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }

    @Test func theFailedSideAndHowItFails() throws {
        #expect(try SideFailure(parsing: "A") == SideFailure(side: .a, mode: .kill))
        #expect(try SideFailure(parsing: "b:hang") == SideFailure(side: .b, mode: .hang))
        #expect(try SideFailure(parsing: "A:kill").description == "A:kill")
        for bad in ["C", "A:drop", ""] {
            #expect(throws: LoadOptionError.self, "\(bad)") { try SideFailure(parsing: bad) }
        }
    }

    @Test func onlyLoopbackAddressesAreLoopback() {
        for address in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] { #expect(LoopbackCheck.isLoopback(address), "\(address)") }
        for address in ["192.0.2.1", "10.0.0.1", "::2", "127.0.0", "128.0.0.1"] { #expect(!LoopbackCheck.isLoopbackAddress(address), "\(address)") }
    }

    @Test func theRampSpreadsTheStartsAndGrowsTheMakeRate() {
        let plan = LoadPlan(agents: LoadAgent.numbered(4, firstAgentID: 1001, firstInstrument: 2001), model: .standard, duration: .seconds(60),
                            ramp: .seconds(8), makeRate: 2, persistent: false, failure: nil, failAt: .seconds(30), seed: 1)
        #expect((0..<4).map(plan.startOffset(of:)) == [.zero, .seconds(2), .seconds(4), .seconds(6)])
        #expect(plan.makeRate(at: .seconds(4)) == 1)
        #expect(plan.makeRate(at: .seconds(9)) == 2)
        #expect(LoadPlan.defaultRamp(agents: 2_000) == .seconds(20))
    }
}
