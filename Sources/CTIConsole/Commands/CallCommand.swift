import ArgumentParser
import CTIClient
import CTIProtocol

/// `cti call ...`: Client Control requests on calls (`client-control.md`).
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Make, answer, hold, transfer, clear ... calls (Client Control).",
        subcommands: [Make.self, Answer.self, Hold.self, Retrieve.self, Alternate.self, Consult.self, Transfer.self, Conference.self,
                      Clear.self, ClearConnection.self, Release.self, DTMF.self, Data.self])

    /// Call variables `N=value` and named variables `name=value`.
    struct CallData: ParsableArguments {
        @Option(name: .customLong("var"), help: ArgumentHelp("Call variable N=value (1-10), repeatable.", valueName: "n=value"))
        var variables: [String] = []

        @Option(name: .customLong("named"), help: ArgumentHelp("Named (ECC) variable name=value, repeatable.", valueName: "name=value"))
        var named: [String] = []

        func validate() throws {
            _ = try parsed()
        }

        func parsed() throws -> (variables: [Int: String], named: [(name: String, value: String)]) {
            var variables: [Int: String] = [:]
            for item in self.variables {
                guard let equals = item.firstIndex(of: "="), let index = Int(item[..<equals]), (1...10).contains(index) else {
                    throw ValidationError("--var '\(item)': expected N=value with N from 1 to 10")
                }
                variables[index] = String(item[item.index(after: equals)...])
            }
            let named = try self.named.map { item -> (name: String, value: String) in
                guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                    throw ValidationError("--named '\(item)': expected name=value")
                }
                return (String(item[..<equals]), String(item[item.index(after: equals)...]))
            }
            return (variables, named)
        }
    }

    struct Make: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "MAKE_CALL_REQ from --instrument to NUMBER.")
        @Argument(help: "The number to dial.") var number: String
        @OptionGroup var options: RequestOptions
        @OptionGroup var data: CallData
        func run(on provider: any SessionProvider) async throws {
            let (number, data) = (number, try data.parsed())
            try await options.run(on: provider) { client, settings in
                try await client.makeCall(peripheralID: settings.requestPeripheral, instrument: try options.instrument(settings), dialedNumber: number,
                                          callVariables: data.variables, namedVariables: data.named)
            }
        }
    }

    /// A request on one call: CALLID (+ --device).
    struct OneCall: ParsableArguments {
        @Argument(help: "ConnectionCallID of the call.") var callID: UInt32
        @OptionGroup var options: RequestOptions

        /// Runs `request` with the call, the peripheral and the instrument.
        func run(on provider: any SessionProvider, _ request: @escaping @Sendable (CTIClient, CallReference, UInt32, String?) async throws -> CTIMessage) async throws {
            let call = self
            try await options.run(on: provider) { client, settings in
                try await request(client, try call.options.call(call.callID, settings), settings.requestPeripheral, settings.instrument)
            }
        }
    }

    struct Answer: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "ANSWER_CALL_REQ.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws { try await call.run(on: provider) { try await $0.answer($1, peripheralID: $2, instrument: $3) } }
    }

    struct Hold: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "HOLD_CALL_REQ.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws { try await call.run(on: provider) { try await $0.hold($1, peripheralID: $2, instrument: $3) } }
    }

    struct Retrieve: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "RETRIEVE_CALL_REQ for a held call.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws { try await call.run(on: provider) { try await $0.retrieve($1, peripheralID: $2, instrument: $3) } }
    }

    struct Clear: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "CLEAR_CALL_REQ: end the whole call.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws { try await call.run(on: provider) { try await $0.clearCall($1, peripheralID: $2, instrument: $3) } }
    }

    struct ClearConnection: SessionCommand {
        static let configuration = CommandConfiguration(commandName: "clear-connection", abstract: "CLEAR_CONNECTION_REQ: drop one party.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws { try await call.run(on: provider) { try await $0.clearConnection($1, peripheralID: $2, instrument: $3) } }
    }

    struct Release: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "RELEASE_CALL_REQ: done updating the call's data.")
        @OptionGroup var call: OneCall
        func run(on provider: any SessionProvider) async throws {
            let call = call
            try await call.options.run(on: provider) { client, settings in
                try await client.release(try call.options.call(call.callID, settings), peripheralID: settings.requestPeripheral)
            }
        }
    }

    /// Two calls: ACTIVE and HELD/OTHER on --device.
    struct TwoCalls: ParsableArguments {
        @Argument(help: "ConnectionCallID of the active call.") var active: UInt32
        @Argument(help: "ConnectionCallID of the held (other) call.") var other: UInt32
        @OptionGroup var options: RequestOptions

        /// Runs `request` with both calls, the peripheral and the instrument.
        func run(on provider: any SessionProvider, _ request: @escaping @Sendable (CTIClient, CallReference, CallReference, UInt32, String?) async throws -> CTIMessage) async throws {
            let calls = self
            try await options.run(on: provider) { client, settings in
                try await request(client, try calls.options.call(calls.active, settings), try calls.options.call(calls.other, settings),
                                  settings.requestPeripheral, settings.instrument)
            }
        }
    }

    struct Alternate: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "ALTERNATE_CALL_REQ: hold ACTIVE, retrieve OTHER.")
        @OptionGroup var calls: TwoCalls
        func run(on provider: any SessionProvider) async throws { try await calls.run(on: provider) { try await $0.alternate(active: $1, other: $2, peripheralID: $3, instrument: $4) } }
    }

    struct Transfer: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "TRANSFER_CALL_REQ joining ACTIVE and HELD.")
        @OptionGroup var calls: TwoCalls
        func run(on provider: any SessionProvider) async throws { try await calls.run(on: provider) { try await $0.transfer(active: $1, held: $2, peripheralID: $3, instrument: $4) } }
    }

    struct Conference: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "CONFERENCE_CALL_REQ joining ACTIVE and HELD.")
        @OptionGroup var calls: TwoCalls
        func run(on provider: any SessionProvider) async throws { try await calls.run(on: provider) { try await $0.conference(active: $1, held: $2, peripheralID: $3, instrument: $4) } }
    }

    enum ConsultKind: String, ExpressibleByArgument, CaseIterable {
        case transfer, conference
        var value: ConsultType { self == .transfer ? .transfer : .conference }
    }

    struct Consult: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "CONSULTATION_CALL_REQ from CALLID to NUMBER.")
        @OptionGroup var call: OneCall
        @Argument(help: "The number to consult.") var number: String
        @Option(help: "What the consultation is for: transfer or conference.") var type: ConsultKind = .transfer
        func run(on provider: any SessionProvider) async throws {
            let (call, number, type) = (call, number, type)
            try await call.options.run(on: provider) { client, settings in
                try await client.consult(try call.options.call(call.callID, settings), peripheralID: settings.requestPeripheral, dialedNumber: number,
                                         consultType: type.value, instrument: settings.instrument)
            }
        }
    }

    struct DTMF: SessionCommand {
        static let configuration = CommandConfiguration(commandName: "dtmf", abstract: "SEND_DTMF_SIGNAL_REQ.")
        @OptionGroup var call: OneCall
        @Argument(help: "The digits (0-9, *, #).") var digits: String
        func validate() throws {
            // ASCII only: Character.isNumber also holds for "½", "Ⅻ" or "٣".
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber || $0 == "*" || $0 == "#" }) else {
                throw ValidationError("DTMF digits are 0-9, * and # (got '\(digits)')")
            }
        }
        func run(on provider: any SessionProvider) async throws {
            let (call, digits) = (call, digits)
            try await call.options.run(on: provider) { client, settings in
                try await client.sendDTMF(try call.options.call(call.callID, settings), peripheralID: settings.requestPeripheral, digits: digits,
                                          instrument: settings.instrument)
            }
        }
    }

    struct Data: SessionCommand {
        static let configuration = CommandConfiguration(abstract: "SET_CALL_DATA_REQ: call variables and named variables.")
        @OptionGroup var call: OneCall
        @OptionGroup var data: CallData
        func run(on provider: any SessionProvider) async throws {
            let (call, data) = (call, try data.parsed())
            try await call.options.run(on: provider) { client, settings in
                try await client.setCallData(try call.options.call(call.callID, settings), peripheralID: settings.requestPeripheral,
                                             callVariables: data.variables, namedVariables: data.named)
            }
        }
    }
}
