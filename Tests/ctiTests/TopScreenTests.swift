import CTIProtocol
import Foundation
import Testing
@testable import CTIConsole

/// The full-screen `cti top` (issue 21): ``TopScreen`` driven key by key and its frames compared
/// byte for byte; the built `cti top` in a pseudo-terminal against `cti simulate`
/// (Fixtures/top_driver.py): agent rows as `cti query agent` reports them, a state change made by
/// another process on the next frames, a resize redrawn to the new width, filter and sort keys,
/// `q` and Ctrl-C leaving the terminal as it was; and no terminal: exit 64.
@Suite(.timeLimit(.minutes(5))) struct TopScreenTests {
    /// Agents 1001 (2001, not ready, reason 7, 3 s) and 1002 (2002, available, 1 s), at 10 000 ms.
    static func model() throws -> TopModel {
        var model = try TopModelTests.configured()
        model.apply(try TopModelTests.agentState("1001", "2001", state: AgentState.notReady.rawValue, reason: 7, duration: 3), at: 10_000)
        model.apply(try TopModelTests.agentState("1002", "2002", state: AgentState.available.rawValue, duration: 1), at: 10_000)
        return model
    }

    @Test func keysCycleTheSortColumnAndEditTheFilter() {
        var screen = TopScreen()
        #expect(screen.handle(UInt8(ascii: "x")) == .none)
        var seen: [TopScreen.SortColumn] = []
        for _ in TopScreen.SortColumn.allCases {
            #expect(screen.handle(UInt8(ascii: "s")) == .redraw)
            seen.append(screen.sort)
        }
        #expect(seen == [.agentExtension, .state, .time, .call, .agent])
        // `/` starts a filter: typed text (q and s are text now), Backspace, Enter applies.
        #expect(screen.handle(UInt8(ascii: "/")) == .redraw)
        for key in "qs2x".utf8 { #expect(screen.handle(key) == .redraw) }
        #expect(screen.handle(0x7F) == .redraw)
        #expect(screen.editing == "qs2" && screen.filter.isEmpty && screen.sort == .agent)
        #expect(screen.handle(0x0D) == .redraw)
        #expect(screen.filter == "qs2" && screen.editing == nil)
        // Esc clears an applied filter, and a filter being typed.
        #expect(screen.handle(0x1B) == .redraw)
        #expect(screen.filter.isEmpty)
        _ = screen.handle(UInt8(ascii: "/"))
        _ = screen.handle(UInt8(ascii: "1"))
        #expect(screen.handle(0x1B) == .redraw)
        #expect(screen.filter.isEmpty && screen.editing == nil)
        #expect(screen.handle(0x1B) == .none)
        #expect(screen.handle(UInt8(ascii: "q")) == .quit)
        // Ctrl-C quits even while a filter is typed.
        _ = screen.handle(UInt8(ascii: "/"))
        #expect(screen.handle(0x03) == .quit)
    }

    @Test func agentsSortByTheChosenColumn() throws {
        var model = try Self.model()
        model.apply(try TopModelTests.agentRecords([("1003", "2000")]), at: 10_000)
        var screen = TopScreen()
        #expect(screen.agents(model).map(\.agentID) == ["1001", "1002", "1003"])
        screen.sort = .agentExtension
        #expect(screen.agents(model).map(\.agentID) == ["1003", "1001", "1002"])
        screen.sort = .state
        #expect(screen.agents(model).map(\.agentID) == ["1003", "1002", "1001"], "unknown (empty) first, then by name")
        screen.sort = .time
        #expect(screen.agents(model).map(\.agentID) == ["1001", "1002", "1003"], "longest in state first, unknown last")
    }

    /// One write: home, each line clipped to the width then erase-to-end-of-line, lines past the
    /// height dropped, erase below; the state painted in its colour, headers in reverse video.
    @Test func aFrameIsClippedToTheTerminalAndPainted() throws {
        let screen = TopScreen(filter: "1001")
        let frame = screen.frame(try Self.model(), size: TopScreen.Size(columns: 36, rows: 4), colored: true)
        let expected = "\u{1B}[H"
            + "cti top  sort AGENT  filter 1001 (Es\u{1B}[K\r\n"
            + "\u{1B}[K\r\n"
            + "\u{1B}[7mAGENT  EXTENSION  STATE             \u{1B}[0m\u{1B}[K\r\n"
            + "1001   2001       \u{1B}[31mAGENT_STATE_NOT_RE\u{1B}[0m\u{1B}[K"
            + "\u{1B}[J"
        #expect(String(decoding: frame, as: UTF8.self) == expected)
        let plain = screen.frame(try Self.model(), size: TopScreen.Size(columns: 200, rows: 50), colored: false)
        let text = String(decoding: plain, as: UTF8.self)
        #expect(!text.contains("\u{1B}[3") && !text.contains("\u{1B}[7m"))
        #expect(text.contains("1001   2001       AGENT_STATE_NOT_READY  7       3s    10,11\u{1B}[K\r\n"))
        #expect(!text.contains("1002   2002"), "the filter keeps 1001 only")
    }

    @Test func withoutATerminalItSaysUseOnce() throws {
        let result = try CLIRunner.run(["top", "--no-config", "--host", "127.0.0.1:1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("cti top needs a terminal; use --once"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")))
    func liveInAPseudoTerminalAgainstTheSimulator() throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let hosts = TopCommandTests.hosts(simulator)
        let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/top_driver.py")
        let result = try CLIRunner.run([driver.path, CLIRunner.executable.path] + hosts, executable: URL(fileURLWithPath: "/usr/bin/python3"),
                                       timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        let seen = try CLIRunner.json(try #require(result.stdoutLines.last))
        func agentLines(_ key: String) -> [String] { (seen[key] as? [String] ?? []).filter { $0.wholeMatch(of: /10\d\d   .*/) != nil } }

        // The first frame: the session line, then cti simulate's ten agents as `cti query agent` reports them.
        let first = seen["first"] as? [String] ?? []
        #expect(first.first?.hasPrefix("cti top  sort AGENT  SESSION side A open  events ") == true, "\(first)")
        #expect(agentLines("first").map { String($0.prefix(4)) } == (1001...1010).map(String.init), "\(first)")
        // Compared once the state change below is made (the second run's first frame).
        let agents = agentLines("run2First")
        #expect(agents.count == 10)
        for line in agents {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let query = try CLIRunner.run(["query", "agent", "--instrument", columns[1], "-o", "json", "-q"] + hosts, timeout: 60)
            let answer = try #require(query.stdoutLines.first, "\(query.stderr)")
            let fields = try #require(try CLIRunner.json(answer)["fields"] as? [String: Any])
            #expect(columns[0] == fields["AgentID"] as? String)
            #expect(columns[2] == (fields["AgentState"] as? [String: Any])?["name"] as? String, "\(line)")
            #expect(columns.last == "10,11")
        }

        // `cti agent not-ready --instrument 2001 --reason 7` from another process: on the next
        // frames (a tick under way when the event came may still show the old state).
        #expect(seen["notReadyStatus"] as? Int == 0)
        let after = (seen["framesAfterChange"] as? [[String]] ?? []).map { $0.filter { $0.hasPrefix("1001 ") } }
        #expect(after.count == 2, "\(seen["framesAfterChange"] ?? "")")
        #expect(after.last?.first?.hasPrefix("1001   2001       AGENT_STATE_NOT_READY  7  ") == true, "\(after)")

        // Resized to 60x30 with --refresh 600: only the SIGWINCH can have drawn it, at the new width.
        let resized = seen["resized"] as? [String] ?? []
        #expect(!resized.isEmpty)
        #expect(resized.map(\.count).max() == 60, "\(resized)")
        #expect((seen["run2First"] as? [String] ?? []).map(\.count).max() ?? 0 > 60)
        // `/1003` Enter, then `s`.
        #expect(agentLines("filtered").map { String($0.prefix(4)) } == ["1003"], "\(seen["filtered"] ?? "")")
        #expect((seen["sorted"] as? [String])?.first?.hasPrefix("cti top  sort EXTENSION  filter 1003") == true)

        // `q` (run 1) and Ctrl-C (run 2): exit 0, the bytes start by taking the alternate screen and
        // end by leaving it and showing the cursor; the termios settings are as they were.
        for run in ["run1", "run2"] {
            let ending = try #require(seen[run] as? [String: Any])
            #expect(ending["exitStatus"] as? Int == 0, "\(run)")
            #expect((ending["start"] as? String)?.hasPrefix("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H") == true, "\(run)")
            #expect((ending["tail"] as? String)?.hasSuffix("\u{1B}[J\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h") == true, "\(run): \(ending)")
            #expect(ending["termiosRestored"] as? Bool == true, "\(run)")
        }
    }
}
