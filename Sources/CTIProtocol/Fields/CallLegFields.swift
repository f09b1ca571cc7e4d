/// The three fields that name one call leg in a Client Control request (`client-control.md`):
/// `ConnectionCallID`, `ConnectionDeviceIDType`, `ConnectionDeviceID`, or the same with the
/// `Active…`, `Held…`, `Other…` prefix of the consult, transfer, conference and reconnect requests.
public struct CallLegFields: Sendable {
    public let callID: Field
    public let deviceIDType: Field
    public let deviceID: Field

    /// The plain `Connection…` fields.
    public static let connection = CallLegFields(callID: .connectionCallID, deviceIDType: .connectionDeviceIDType, deviceID: .connectionDeviceID)
    /// `ActiveConnection…`: the active call of a consult, transfer or conference.
    public static let active = CallLegFields(callID: .activeConnectionCallID, deviceIDType: .activeConnectionDeviceIDType,
                                             deviceID: .activeConnectionDeviceID)
    /// `HeldConnection…`: the held call of a retrieve, transfer, conference or reconnect.
    public static let held = CallLegFields(callID: .heldConnectionCallID, deviceIDType: .heldConnectionDeviceIDType,
                                           deviceID: .heldConnectionDeviceID)
    /// `OtherConnection…`: the other call of an alternate.
    public static let other = CallLegFields(callID: .otherConnectionCallID, deviceIDType: .otherConnectionDeviceIDType,
                                            deviceID: .otherConnectionDeviceID)
}
