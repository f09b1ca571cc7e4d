import Foundation
import Testing

/// Shell completion of the protocol's names: the generated scripts list the message names of
/// `send` and `encode`, and call `cti ---completion` back (as swift-argument-parser's scripts do)
/// for mask names, `--filter` lists and `Field=` names; bash, run on the committed script, offers them.
@Suite struct ShellCompletionTests {
    static let completions = DocsTests.root.appendingPathComponent("completions")

    /// What the built `cti` answers to a shell's custom-completion call.
    func callBack(_ subcommands: [String], argument: String, words: [String]) throws -> [String] {
        let request = ["---completion"] + subcommands + ["--", argument, String(words.count - 1), String(words.last!.count)] + words
        let result = try CLIRunner.run(request)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdoutLines
    }

    @Test func theCallBackCompletesMaskMessageAndFieldNames() throws {
        #expect(try callBack(["open"], argument: "--services", words: ["cti", "open", "--services", "CTI_SERVICE_CLIENT_E"])
            == ["CTI_SERVICE_CLIENT_EVENTS"])
        #expect(try callBack(["watch"], argument: "--call-mask", words: ["cti", "watch", "--call-mask", "CALL_DELIVERED_MASK,CALL_CLEARED_M"])
            == ["CALL_DELIVERED_MASK,CALL_CLEARED_MASK"])
        #expect(try callBack(["watch"], argument: "--filter", words: ["cti", "watch", "--filter", "END_CALL_EV"]) == ["END_CALL_EVENT"])
        #expect(try callBack(["send"], argument: "positional@1", words: ["cti", "send", "QUERY_DEVICE_INFO_REQ", "AgentIn"])
            == ["AgentInstrument="])
        #expect(try callBack(["encode"], argument: "positional@1", words: ["cti", "encode", "OPEN_REQ", "ServicesRequested=CTI_SERVICE_ALL_E"])
            == ["ServicesRequested=CTI_SERVICE_ALL_EVENTS"])
        #expect(try callBack(["describe"], argument: "positional@1", words: ["cti", "describe", "messages", "QUERY_DEVICE_INFO_R"])
            == ["QUERY_DEVICE_INFO_REQ"])
    }

    @Test(arguments: ["cti.bash", "_cti", "cti.fish"])
    func theScriptsListMessageNamesAndCallBackForTheRest(script: String) throws {
        let text = try String(contentsOf: Self.completions.appendingPathComponent(script), encoding: .utf8)
        #expect(text.contains("QUERY_DEVICE_INFO_REQ"), "send's message names")
        #expect(text.contains("HEARTBEAT_REQ"), "encode's message names")
        for argument in ["--services", "--call-mask", "--agent-mask", "--config-mask", "--filter", "positional@1"] {
            #expect(text.contains("---completion") && text.contains("-- \(argument)"), "\(argument) calls cti back")
        }
    }

    /// The committed bash script, run as bash runs it on Tab, with the built `cti` on PATH.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/bin/bash")))
    func bashOffersThem() throws {
        func offered(_ line: String) throws -> [String] {
            let script = """
            source '\(Self.completions.appendingPathComponent("cti.bash").path)'
            COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=('')
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _cti cti "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"; printf '%s\\n' "${COMPREPLY[@]}"
            """
            let path = CLIRunner.executable.deletingLastPathComponent().path
            let result = try CLIRunner.run(["-c", script], environment: ["PATH": path + ":/usr/bin:/bin"], executable: URL(fileURLWithPath: "/bin/bash"))
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdoutLines.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(try offered("cti send QUERY_DEVICE_INFO_R") == ["QUERY_DEVICE_INFO_REQ"])
        #expect(try offered("cti open --services CTI_SERVICE_CLIENT_E") == ["CTI_SERVICE_CLIENT_EVENTS"])
        #expect(try offered("cti send QUERY_DEVICE_INFO_REQ PeripheralI") == ["PeripheralID="])
    }
}
