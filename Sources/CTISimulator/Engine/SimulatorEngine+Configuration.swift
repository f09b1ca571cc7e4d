import CTIProtocol

extension SimulatorEngine {
    /// CONFIG_REQUEST_KEY_EVENT or CONFIG_REQUEST_EVENT (`other-services.md` §8): answered with
    /// ``ConfigurationUpload`` from the model's agents and skill groups, in the session's
    /// protocol version. Only a session whose OPEN_REQ asked for configuration (a non-zero
    /// ConfigMsgMask) gets it; any other gets FAILURE_CONF E_CTI_FUNCTION_NOT_AVAILABLE (the
    /// configuration messages carry no InvokeID: 0).
    func configurationRequest(_ fields: MessageFields, on id: ConnectionID) {
        guard let connection = connections[id], let session = connection.session else { return }
        guard session.configMessageMask != 0 else {
            log("side \(connection.side): connection \(id) (\(connection.label)): \(fields.descriptor.name) refused: "
                + "FAILURE_CONF \(StatusCode.functionNotAvailable.logText): the session's OPEN_REQ has ConfigMsgMask 0")
            send(SessionMessages.failureConfirmation(invokeID: 0, status: StatusCode.functionNotAvailable), to: id)
            return
        }
        let upload = ConfigurationUpload(peripheralID: callCenter.peripheralID, skillGroups: CallCenterTopology.skillGroups,
                                         agents: callCenter.agents)
        for message in upload.answer(fields) { send(message, to: id) }
    }
}
