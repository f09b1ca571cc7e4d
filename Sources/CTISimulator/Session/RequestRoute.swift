import CTIProtocol
import NIOCore

/// Where a connection stands, as far as routing a message goes.
enum SessionPhase: Hashable {
    /// No OPEN_CONF sent yet.
    case notOpen
    /// Open on a side with this role.
    case open(SideRole)
}

/// What the server does with one message from a client.
enum RequestRoute: Hashable {
    case open(MessageFields)
    case heartbeat(invokeID: UInt32)
    case close(invokeID: UInt32, status: StatusCode)
    case maintenanceResponse(invokeID: UInt32, accepted: Bool)
    case stoppingRequests
    /// FAILURE_CONF with `status`.
    case refuse(invokeID: UInt32, status: StatusCode)
    /// FAILURE_CONF E_CTI_INVALID_MSG_TYPE_FOR_VERSION (48) or E_CTI_INVALID_TAG_FOR_VERSION
    /// (49): the request, or something in it, is newer than the session's protocol version
    /// (issue 20). `reason` is for the log.
    case refuseForVersion(invokeID: UInt32, status: StatusCode, reason: String)
    /// A Client Control request (`client-control.md`) for the contact-center model
    /// (``CallCenterModel/requests``), on the active side.
    case clientControl(MessageFields)
    /// CONFIG_REQUEST_KEY_EVENT or CONFIG_REQUEST_EVENT (`other-services.md` §8), on the active
    /// side: answered by ``ConfigurationUpload``.
    case configuration(MessageFields)

    /// The request dispatch table (`session.md` §2-9): one switch on the message name. Client
    /// Control and the other services extend it here.
    ///
    /// - Before OPEN_CONF only OPEN_REQ is accepted; anything else → E_CTI_SESSION_NOT_OPEN (4).
    /// - A second OPEN_REQ → E_CTI_SESSION_ALREADY_OPEN (5).
    /// - A message newer than the session's protocol version → E_CTI_INVALID_MSG_TYPE_FOR_VERSION
    ///   (48); one carrying a field, tag or value newer than it → E_CTI_INVALID_TAG_FOR_VERSION
    ///   (49) (``versionRefusal(of:invokeID:)``).
    /// - On a standby side only HEARTBEAT_REQ, CLOSE_REQ and the two active/standby messages
    ///   are accepted; anything else → E_CTI_SERVER_NOT_MASTER (92).
    /// - On the active side CONFIG_REQUEST_KEY_EVENT and CONFIG_REQUEST_EVENT go to
    ///   ``ConfigurationUpload`` (`other-services.md` §8).
    /// - On the active side the Client Control requests of ``CallCenterModel/requests`` go to the
    ///   contact-center model (which answers CONF, CONTROL_FAILURE_CONF or FAILURE_CONF, see
    ///   ``SimulatorFailureTable``); every other message, known or not →
    ///   E_CTI_FUNCTION_NOT_AVAILABLE (12).
    static func of(_ message: CTIMessage, phase: SessionPhase) -> RequestRoute {
        let invokeID = RequestRoute.invokeID(of: message)
        guard case .open(let role) = phase else {
            return message.name == "OPEN_REQ" && message.fields != nil
                ? .open(message.fields!) : .refuse(invokeID: invokeID, status: StatusCode.sessionNotOpen)
        }
        if message.name == "OPEN_REQ" { return .refuse(invokeID: invokeID, status: StatusCode.sessionAlreadyOpen) }
        if let refusal = versionRefusal(of: message, invokeID: invokeID) { return refusal }
        switch (message.name, message.fields) {
        case ("HEARTBEAT_REQ", _):
            return .heartbeat(invokeID: invokeID)
        case ("CLOSE_REQ", let fields?):
            return .close(invokeID: invokeID, status: StatusCode(rawValue: fields.number(.status) ?? 0))
        case ("ACTIVE_MAINTENANCE_RESP_MSG", let fields?):
            return .maintenanceResponse(invokeID: invokeID, accepted: fields.number(.maintenanceModeAccepted) == 1)
        case ("STOPPING_REQUESTS_TO_THIS_SIDE_IND", _):
            return .stoppingRequests
        case (let name, let fields?) where role == .active && CallCenterModel.requests.contains(name):
            return .clientControl(fields)
        case (let name, let fields?) where role == .active && ConfigurationUpload.requests.contains(name):
            return .configuration(fields)
        default:
            return .refuse(invokeID: invokeID, status: role == .standby ? StatusCode.serverNotMaster : StatusCode.functionNotAvailable)
        }
    }

    /// What a server of the session's version answers a message its decoder noted as newer than
    /// the version (``DecodeNote/notInVersion(_:arrivedIn:version:)``): 48 when the message
    /// itself is (the decoder's catalogue marks its type ``MessageDescriptor/arrivesIn``), else
    /// 49 when a field, tag or value of it is; `nil` when the version has all of it.
    static func versionRefusal(of message: CTIMessage, invokeID: UInt32) -> RequestRoute? {
        let note = message.fields?.notes.first(where: \.isNotInVersion)
        if let descriptor = message.descriptor, let since = descriptor.arrivesIn {
            return .refuseForVersion(invokeID: invokeID, status: StatusCode.invalidMsgTypeForVersion,
                                     reason: note.map { "\($0)" } ?? "message \(descriptor.name) arrived in protocol \(since)")
        }
        guard let note else { return nil }
        return .refuseForVersion(invokeID: invokeID, status: StatusCode.invalidTagForVersion, reason: "\(note)")
    }

    /// The InvokeID to echo: the message's field, else the first four bytes of a body the
    /// simulator cannot read (requests start with it), else 0.
    static func invokeID(of message: CTIMessage) -> UInt32 {
        switch message {
        case .fields(let fields): fields.number(.invokeID) ?? 0
        case .opaque(_, let body), .unknown(_, let body): body.getInteger(at: body.readerIndex, as: UInt32.self) ?? 0
        }
    }
}
