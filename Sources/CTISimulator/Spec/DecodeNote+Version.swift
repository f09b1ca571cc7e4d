import CTIProtocol

extension DecodeNote {
    /// Whether the note says a message, field, tag or value is newer than the protocol version
    /// the decoder speaks (issue 20): what a server of that version refuses with
    /// E_CTI_INVALID_MSG_TYPE_FOR_VERSION or E_CTI_INVALID_TAG_FOR_VERSION.
    var isNotInVersion: Bool {
        if case .notInVersion = self { return true }
        return false
    }
}
