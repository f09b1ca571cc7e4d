import Foundation
import Testing

/// `cti decode` and `cti encode`, run as the built binary: stdout, stderr and exit codes.
@Suite struct DecodeEncodeCommandTests {
    /// wire-format.md §7: OPEN_REQ, InvokeID 1, version 25, IdleTimeout 120, no peripheral,
    /// ALL_EVENTS|CLIENT_CONTROL, ClientID "ctiuser", empty password.
    static let openRequestHex = "0000003c00000003" + "00000001000000190000007875ffffff".replacingOccurrences(of: "75ffffff", with: "ffffffff")
        + "00000014000000000000000000000000" + "000000000000000000000000" + "00010008637469757365720000020000"
    static let heartbeatHex = "000000040000000500000001"

    @Test func versionNamesTheProtocolVersions() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("cti 0.1.0"))
        #expect(result.stdout.contains("CTI Server protocol versions: 20, 21, 22, 23, 24, 25 (sessions: auto, 25 then older"))
    }

    @Test func encodeBuildsTheWorkedExamplesByteForByte() throws {
        let heartbeat = try CLIRunner.run(["encode", "HEARTBEAT_REQ", "InvokeID=1"])
        #expect(heartbeat.status == 0)
        #expect(heartbeat.stdout == DecodeEncodeCommandTests.heartbeatHex + "\n")
        let open = try CLIRunner.run(["encode", "open_req", "InvokeID=1", "VersionNumber=25", "IdleTimeout=120", "PeripheralID=NONE",
                                      "ServicesRequested=all-events|client-control", "ClientID=ctiuser", "ClientPassword="])
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout == DecodeEncodeCommandTests.openRequestHex + "\n")
    }

    @Test func encodeListsMessagesWithTheExtensionMarked() throws {
        let result = try CLIRunner.run(["encode", "--list"])
        #expect(result.status == 0)
        #expect(result.stdoutLines.contains("OPEN_REQ\t3\tC->S"))
        #expect(result.stdoutLines.contains("PERSISTENT_CALL_REQ\t65537\tC->S  [extension]"))
        #expect(result.stdoutLines.count == 165)
    }

    @Test(arguments: [
        (["encode", "NO_SUCH_REQ"], "unknown message 'NO_SUCH_REQ'"),
        (["encode", "OPEN_REQ", "ClientID=x", "ClientPassword=", "ServicesRequested=0x200"], "0x200"),
        (["encode", "OPEN_REQ", "ClientID=x", "ClientPassword=", "ServicesRequested=BOGUS"], "'BOGUS' is not a name in this mask"),
        (["encode", "OPEN_REQ", "ClientPassword="], "OPEN_REQ requires ClientID"),
        (["encode", "HEARTBEAT_REQ", "InvokeID=4294967296"], "InvokeID"),
        (["encode", "HEARTBEAT_REQ", "Nope=1"], "HEARTBEAT_REQ has no field 'Nope' (fields: InvokeID)"),
        (["encode", "OPEN_REQ", "ClientID=" + String(repeating: "x", count: 64), "ClientPassword="], "longer than the maximum of 64"),
        (["decode", "--output", "xml"], "xml"),
        (["decode", "--protocol", "19", "00"], "unsupported protocol version '19'"),
        (["encode", "--protocol", "23", "OPEN_CONF", "InvokeID=1", "SessionType=1"],
         "OPEN_CONF.SessionType is not in protocol 23: it arrived in protocol 24"),
        (["encode", "--protocol", "22", "START_NETWORK_RECORDING_REQ", "InvokeID=1"],
         "message START_NETWORK_RECORDING_REQ is not in protocol 22: it arrived in protocol 23"),
        (["frobnicate"], "frobnicate"),
    ])
    func usageErrorsExit64NamingTheProblem(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func forceSendsUndefinedMaskBits() throws {
        let result = try CLIRunner.run(["encode", "--force", "OPEN_REQ", "ClientID=x", "ClientPassword=", "ServicesRequested=0x200"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("00000200"))
    }

    @Test func decodePrintsOneTextLinePerFrame() throws {
        let result = try CLIRunner.run(["decode", DecodeEncodeCommandTests.heartbeatHex, DecodeEncodeCommandTests.openRequestHex])
        #expect(result.status == 0)
        #expect(result.stdoutLines == [
            "HEARTBEAT_REQ InvokeID=1",
            "OPEN_REQ InvokeID=1 VersionNumber=25 IdleTimeout=120 PeripheralID=4294967295 ServicesRequested=CTI_SERVICE_CLIENT_CONTROL|CTI_SERVICE_ALL_EVENTS CallMsgMask=0 AgentStateMask=0 ConfigMsgMask=0 Reserved1=0 Reserved2=0 Reserved3=0 ClientID=ctiuser ClientPassword=\"*** (0 bytes)\"",
        ])
    }

    @Test func decodeJSONIsOneParseableObjectPerLineWithSecretsHidden() throws {
        let encode = try CLIRunner.run(["encode", "OPEN_REQ", "InvokeID=7", "ClientID=me", "ClientPassword=736563726574", "ServicesRequested=CLIENT_EVENTS"])
        let hex = encode.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try CLIRunner.run(["decode", "--output", "json", "--show-hex", hex, DecodeEncodeCommandTests.heartbeatHex])
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 2)
        let open = try CLIRunner.json(result.stdoutLines[0])
        #expect(open["type"] as? String == "OPEN_REQ")
        #expect(open["typeId"] as? Int == 3)
        let fields = try #require(open["fields"] as? [String: Any])
        #expect(fields["InvokeID"] as? Int == 7)
        #expect(fields["ClientPassword"] as? String == "*** (6 bytes)")
        let services = try #require(fields["ServicesRequested"] as? [String: Any])
        #expect(services["names"] as? [String] == ["CTI_SERVICE_CLIENT_EVENTS"])
        #expect(services["value"] as? Int == 1)
        #expect(!result.stdout.contains("736563726574"), "the password's bytes never appear")
        #expect(!result.stdout.contains("secret"))
        #expect((open["hex"] as? String)?.hasSuffix("000200" + "06" + "************") == true)
    }

    @Test func badInputIsReportedWithWhereAndTheRestStillDecodes() throws {
        let truncatedFloating = "0000000a00000003" + "0000000100000019" + "0001"  // OPEN_REQ body of 10 bytes
        let input = """
        # a comment line
        \(DecodeEncodeCommandTests.heartbeatHex)
        not-hex
        0000000c0000000500000001000000
        \(DecodeEncodeCommandTests.heartbeatHex)
        000000080000000600000009ffff0005
        \(truncatedFloating)
        """
        let result = try CLIRunner.run(["decode"], stdin: Data(input.utf8))
        #expect(result.status == 65)
        #expect(result.stdoutLines == ["HEARTBEAT_REQ InvokeID=1", "HEARTBEAT_REQ InvokeID=1"])
        #expect(result.stderr.contains("line 3: not hex"))
        #expect(result.stderr.contains("line 4: stream ended inside a frame: 15 of 20 bytes"))
        #expect(result.stderr.contains("line 6: frame"))
        #expect(result.stderr.contains("malformed HEARTBEAT_CONF at offset 4"))
        #expect(result.stderr.contains("line 7: frame"))
        #expect(result.stderr.contains("malformed OPEN_REQ at offset 0: body has 10 bytes, the fixed part needs 44"))
    }

    @Test func unknownMessageTypesAreNotBadInput() throws {
        let result = try CLIRunner.run(["decode", "-o", "json", "00000002000001f4abcd"])
        #expect(result.status == 0)
        let object = try CLIRunner.json(try #require(result.stdoutLines.first))
        #expect(object["type"] as? String == "UNKNOWN")
        #expect(object["typeId"] as? Int == 500)
        #expect(object["body"] as? String == "abcd")
    }

    @Test func decodeFileReadsBackToBackFramesAndStopsAtAFramingError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cti-decode-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let heartbeat = hexData(DecodeEncodeCommandTests.heartbeatHex)
        let good = directory.appendingPathComponent("good.bin")
        try (heartbeat + hexData(DecodeEncodeCommandTests.openRequestHex) + heartbeat).write(to: good)
        let ok = try CLIRunner.run(["decode", "--file", good.path])
        #expect(ok.status == 0)
        #expect(ok.stdoutLines.count == 3)
        #expect(ok.stdoutLines[1].hasPrefix("OPEN_REQ InvokeID=1"))

        let bad = directory.appendingPathComponent("bad.bin")
        try (heartbeat + hexData("0001000000000005") + heartbeat).write(to: bad)
        let broken = try CLIRunner.run(["decode", "--file", bad.path])
        #expect(broken.status == 65)
        #expect(broken.stdoutLines == ["HEARTBEAT_REQ InvokeID=1"])
        #expect(broken.stderr.contains("MessageLength 65536"))
        #expect(broken.stderr.contains("cannot be read past this point"))

        let stdin = try CLIRunner.run(["decode", "--file", "-", "-o", "json"], stdin: heartbeat + heartbeat)
        #expect(stdin.status == 0)
        #expect(stdin.stdoutLines.count == 2)
    }

    private func hexData(_ hex: String) -> Data {
        Data(stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        })
    }
}
