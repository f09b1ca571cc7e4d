#!/usr/bin/env bash
# Regenerates the seed corpora Fuzz/corpus/<target>/: frames built by `cti encode` for the
# decoder targets, and the console lines listed below for FuzzConsoleLine.
#
# Input formats (see Sources/FuzzSupport/FuzzChecks.swift, Sources/FuzzConsoleLine/):
#   FuzzMessageDecoder: selector byte, wire type (4 bytes big-endian), body
#   FuzzFrameDecoder:   selector byte, stream of frames (MHDR + body)
#   FuzzConsoleLine:    one console line (UTF-8, no newline)
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

# FuzzConsoleLine: every subcommand with typical options, then quoting and comment edge cases.
lines="$here/corpus/FuzzConsoleLine"
mkdir -p "$lines"
rm -f "$lines"/seed-*
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$lines/seed-$(printf '%02d' "$n")"
done <<'LINES'
open
open --host 127.0.0.1:42027 --host-b 127.0.0.1:43027 --protocol 24 --client-id me --heartbeat 30
open --embedded --peripheral 5000 --services CLIENT_EVENTS,CLIENT_CONTROL --call-mask all --agent-mask 0x3f --instrument 1001 -o json -v --hex
open --no-embedded --profile lab --config /tmp/cti.toml --no-config --connect-timeout 2.5 --heartbeat off --color never -q --lifecycle
close
status
watch --count 10 --timeout 1.5 --filter CALL_DELIVERED_EVENT,AGENT_STATE_EVENT --record /tmp/frames.bin
watch --off
call make 5551234 --instrument 1001 --var 1=abc --named user.x=hello --follow 2
call answer 7 --device 1001
call hold 7
call retrieve 7
call alternate 7 8
call consult 7 2000 --type conference
call transfer 7 8
call conference 7 8
call clear 7
call clear-connection 7 --device 1002
call release 7
call dtmf 7 12*#
call data 7 --var 10=last --named user.arr[2]=v
agent login --instrument 1001 --agent-id 1001 --agent-password-file /tmp/pw
agent login --nailed --remote-number 5550000
agent logout --reason 7
agent ready
agent not-ready --reason 42
agent work-ready
agent work-not-ready
agent state
query agent --instrument 1001
query device
query call 9
query snapshot
persistent make --device 3001 --calling-id 1001 --calling-name 'Front desk' --wait connected --timeout 10
persistent drop 12
persistent drop --device 3001
persistent list
send QUERY_DEVICE_INFO_REQ PeripheralID=5000
send SET_CALL_DATA_REQ PeripheralID=5000 ConnectionCallID=1 CallVariable1=abc NamedVariable=user.x=hello --force
sim heartbeats stop A
sim help
describe messages OPEN_REQ
describe masks
config show --profile lab
decode -o json --show-hex --protocol 24 --numbering pv24 0000000c00000003000000010000000100000019
decode --file /tmp/frames.bin
encode OPEN_REQ InvokeID=1 VersionNumber=25 ServicesRequested=ALL_EVENTS ClientID=me
encode --list
simulate --port-a 0 --port-b 0 --peripheral 5000 --agent 1001:1001:1001 --agents 20 --rate 0.5 --seed 7
quit
exit
\q
help call
call --help
--version
  # only a comment
call make "555 1234" --var '1=a b' --named "user.q=\"quoted\""
send SET_CALL_DATA_REQ CallVariable1=a\ b\#c NamedVariable='user.x=é€😀'
encode OPEN_REQ ClientID="unterminated
decode 00\
LINES
ls "$msg" "$frm" "$lines" | wc -l
