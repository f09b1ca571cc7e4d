import CTICapture
import CTIProtocol
import Testing

/// A connection's side comes from its server port when that is a side's default port.
@Suite struct CTIConnectionTests {
    @Test(arguments: [(UInt16(42027), CTISide?.some(.a)), (43027, .b), (5000, nil)])
    func theSideIsTheServerPorts(_ port: UInt16, _ side: CTISide?) {
        let connection = CTIConnection(number: 1, client: TCPEndpoint(address: .v4(0x0A00_0001), port: 42027),
                                       server: TCPEndpoint(address: .v4(0x0A00_0002), port: port))
        #expect(connection.side == side)
    }

    @Test func theDefaultServerPortsAreTheSidesPorts() {
        #expect(CTIServerPorts.defaults.ports == [42027, 43027])
        #expect(CaptureDirection.clientToServer.description == "client→server")
        #expect(CaptureDirection.serverToClient.description == "server→client")
    }
}
