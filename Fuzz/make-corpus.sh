#!/usr/bin/env bash
# Regenerates the seed corpora Fuzz/corpus/<target>/ from frames built by `cti encode`.
#
# Input formats (see Sources/FuzzSupport/FuzzChecks.swift):
#   FuzzMessageDecoder: selector byte, wire type (4 bytes big-endian), body
#   FuzzFrameDecoder:   selector byte, stream of frames (MHDR + body)
# Selector bit 0 = protocol version 24, bit 1 = PV24 numbering, bits 2-7 = chunk size (frame target).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cti="${CTI:-$root/.build/debug/cti}"
if [[ ! -x "$cti" ]]; then
    (cd "$root" && swift build --product cti)
fi

msg="$here/corpus/FuzzMessageDecoder"
frm="$here/corpus/FuzzFrameDecoder"
mkdir -p "$msg" "$frm"
rm -f "$msg"/seed-* "$frm"/seed-*

# name|selector|cti encode arguments
seeds=(
  "heartbeat-req|00|HEARTBEAT_REQ InvokeID=1"
  "heartbeat-req-v24|01|HEARTBEAT_REQ InvokeID=1 --protocol 24"
  "close-req|00|CLOSE_REQ InvokeID=9 Status=0"
  "failure-conf|00|FAILURE_CONF InvokeID=7 Status=3"
  "open-req|00|OPEN_REQ InvokeID=1 VersionNumber=25 IdleTimeout=60 PeripheralID=NONE ServicesRequested=ALL_EVENTS,CLIENT_CONTROL ClientID=me ClientPassword=736563726574"
  "open-req-v24|01|OPEN_REQ InvokeID=1 VersionNumber=24 IdleTimeout=60 PeripheralID=NONE ServicesRequested=ALL_EVENTS ClientID=me ClientPassword=70 --protocol 24"
  "open-conf|00|OPEN_CONF InvokeID=1 ServicesGranted=ALL_EVENTS ICMCentralControllerTime=1700000000 PeripheralOnline=1"
  "set-call-data-req|00|SET_CALL_DATA_REQ InvokeID=2 PeripheralID=5000 ConnectionCallID=1 ConnectionDeviceID=1001 CallVariable1=abc NamedVariable=user.x=hello NamedArray=user.arr[2]=v"
  "call-delivered-event|00|CALL_DELIVERED_EVENT MonitorID=1 PeripheralID=5000 ConnectionCallID=9 ConnectionDeviceID=1001 ANI=5551234 DNIS=800 NamedVariable=user.a=b"
  "clear-connection-req|00|CLEAR_CONNECTION_REQ InvokeID=3 PeripheralID=1 ConnectionCallID=4 ConnectionDeviceID=1001"
  "agent-state-event|00|AGENT_STATE_EVENT MonitorID=1 PeripheralID=5000 AgentState=3 AgentID=1001 AgentExtension=1001 AgentInstrument=1001 CTIClientSignature=sig"
  "query-agent-state-req|00|QUERY_AGENT_STATE_REQ InvokeID=4 PeripheralID=5000 AgentInstrument=1001"
  "set-agent-service-data-req|00|SET_AGENT_SERVICE_DATA_REQ InvokeID=1 FltEnabledServices=1"
  "start-network-recording-req-pv24|03|START_NETWORK_RECORDING_REQ InvokeID=1 ConnectionDeviceID=1001 --protocol 24 --numbering pv24"
)

stream=""
for seed in "${seeds[@]}"; do
    IFS='|' read -r name selector args <<<"$seed"
    # shellcheck disable=SC2086
    hex="$("$cti" encode $args)"
    # message target: selector + type + body (the frame minus its 4-byte MessageLength)
    printf '%s%s' "$selector" "${hex:8}" | xxd -r -p >"$msg/seed-$name"
    printf '%s%s' "$selector" "$hex" | xxd -r -p >"$frm/seed-$name"
    [[ "$selector" == 00 ]] && stream+="$hex"
done
# frame target: several frames in one stream, at once and in 7-byte chunks (selector 7 << 2)
printf '00%s' "$stream" | xxd -r -p >"$frm/seed-stream"
printf '1c%s' "$stream" | xxd -r -p >"$frm/seed-stream-chunked"
ls "$msg" "$frm" | wc -l
