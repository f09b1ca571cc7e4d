#!/usr/bin/env bash
# Regenerates the seed corpora Fuzz/corpus/<target>/: frames built by `cti encode` for the
# decoder targets, capture files of those frames for FuzzCaptureReader, and the console lines
# listed below for FuzzConsoleLine.
#
# Input formats (see Sources/FuzzSupport/FuzzChecks.swift, Sources/FuzzConsoleLine/):
#   FuzzMessageDecoder: selector byte, wire type (4 bytes big-endian), body
#   FuzzFrameDecoder:   selector byte, stream of frames (MHDR + body)
#   FuzzProxyTap:       as FuzzFrameDecoder (one direction of a proxied connection)
#   FuzzCaptureReader:  a capture file (pcap or pcapng)
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

# FuzzProxyTap: the same input layout as FuzzFrameDecoder, plus streams that need resynchronising
# (garbage first, a MessageLength no frame can have) as a proxied connection can carry.
prx="$here/corpus/FuzzProxyTap"
mkdir -p "$prx"
rm -f "$prx"/seed-*
cp "$frm"/seed-* "$prx"/
printf '0cdeadbeef0102%s' "$stream" | xxd -r -p >"$prx/seed-garbage-then-stream"
printf '00ffffffff00000003%s' "$stream" | xxd -r -p >"$prx/seed-oversized-then-stream"

# FuzzCaptureReader: capture files (pcap and pcapng) of one CTI connection holding some of the
# frames above, in each link type, IPv4 and IPv6, VLAN-tagged, with the segments split inside a
# header, reordered, repeated and one lost (a gap), and one connection on another port found by
# its OPEN_REQ.
cap="$here/corpus/FuzzCaptureReader"
mkdir -p "$cap"
rm -f "$cap"/seed-*
open_req="$("$cti" encode OPEN_REQ InvokeID=1 VersionNumber=25 IdleTimeout=60 PeripheralID=NONE ServicesRequested=ALL_EVENTS ClientID=me ClientPassword=70)"
open_conf="$("$cti" encode OPEN_CONF InvokeID=1 ServicesGranted=ALL_EVENTS ICMCentralControllerTime=1700000000 PeripheralOnline=1)"
delivered="$("$cti" encode CALL_DELIVERED_EVENT MonitorID=1 PeripheralID=5000 ConnectionCallID=9 ConnectionDeviceID=1001 ANI=5551234 DNIS=800)"
heartbeat="$("$cti" encode HEARTBEAT_REQ InvokeID=2)"
python3 - "$cap" "$open_req" "$open_conf" "$delivered" "$heartbeat" <<'PY'
import struct, sys
out, open_req, open_conf, delivered, heartbeat = sys.argv[1], *(bytes.fromhex(h) for h in sys.argv[2:])

def checksum(data):
    if len(data) % 2: data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total > 0xFFFF: total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF

def ip_packet(v6, src, dst, sport, dport, seq, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, 1, 5 << 4, flags, 65535, 0, 0) + payload
    if v6:
        return struct.pack("!IHBB", 6 << 28, len(tcp), 6, 64) + src + dst + tcp
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, dst)
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + tcp

def link(kind, packet):
    v6 = packet[0] >> 4 == 6
    ether = 0x86DD if v6 else 0x0800
    if kind == 1: return b"\0\x50\x56\0\0\2\0\x50\x56\0\0\1" + struct.pack("!H", ether) + packet
    if kind == "vlan": return b"\0\x50\x56\0\0\2\0\x50\x56\0\0\1" + struct.pack("!HHHHH", 0x88A8, 10, 0x8100, 20, ether) + packet
    if kind == 113: return struct.pack("!HHH8sH", 0, 1, 6, b"\0\x50\x56\0\0\1\0\0", ether) + packet
    if kind == 276: return struct.pack("!HHIHBB8s", ether, 0, 2, 1, 0, 6, b"\0\x50\x56\0\0\1\0\0") + packet
    if kind == 0: return struct.pack("<I", 30 if v6 else 2) + packet
    if kind == 108: return struct.pack("!I", 24 if v6 else 2) + packet
    return packet

def pcap(kind, packets):
    linktype = 1 if kind == "vlan" else kind
    data = struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, linktype)
    for i, p in enumerate(packets):
        frame = link(kind, p)
        data += struct.pack("<IIII", 1795441546, i * 1000, len(frame), len(frame)) + frame
    return data

def pcapng(kind, packets):
    def block(t, body): return struct.pack("<II", t, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    linktype = 1 if kind == "vlan" else kind
    data = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    data += block(1, struct.pack("<HHI", linktype, 0, 65535) + struct.pack("<HHB3x", 9, 1, 9) + b"\0\0\0\0")
    for i, p in enumerate(packets):
        frame = link(kind, p)
        stamp = 1795441546 * 10**9 + i * 1000
        body = struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF, len(frame), len(frame)) + frame
        data += block(6, body + b"\0" * (-len(frame) % 4))
    return data

def connection(v6, port, segments):
    client = (b"\0" * 15 + b"\1") if v6 else b"\x7f\0\0\1"
    server = (b"\0" * 15 + b"\2") if v6 else b"\x7f\0\0\2"
    cisn, sisn = 0xFFFFFFF0, 0x1000
    up = open_req + heartbeat
    down = open_conf + delivered
    packets = [ip_packet(v6, client, server, 50000, port, cisn, 0x02, b""),
               ip_packet(v6, server, client, port, 50000, sisn, 0x12, b"")]
    for direction, start, end in segments:
        data, src, dst, sp, dp, isn = (up, client, server, 50000, port, cisn) if direction == "c" else (down, server, client, port, 50000, sisn)
        end = min(end, len(data))
        packets.append(ip_packet(v6, src, dst, sp, dp, isn + 1 + start, 0x18, data[start:end]))
    packets.append(ip_packet(v6, client, server, 50000, port, cisn + 1 + len(up), 0x11, b""))
    return packets

whole = [("c", 0, 999), ("s", 0, 999)]
split = [("c", 0, 5), ("c", 5, 70), ("s", 0, 3), ("s", 3, 999), ("c", 70, 999)]
reordered = [("s", 40, 999), ("c", 30, 999), ("c", 0, 30), ("s", 0, 40), ("s", 0, 40)]
overlapping = [("c", 0, 50), ("c", 20, 80), ("c", 60, 999), ("s", 0, 999), ("s", 10, 30)]
gap = [("c", 0, 30), ("c", 70, 999), ("s", 0, 20), ("s", 60, 999)]
seeds = {
    "ethernet-v4": pcap(1, connection(False, 42027, whole)),
    "ethernet-v6-pcapng": pcapng(1, connection(True, 43027, split)),
    "vlan-reordered": pcap("vlan", connection(False, 42027, reordered)),
    "sll-overlapping": pcap(113, connection(False, 42027, overlapping)),
    "sll2-v6": pcapng(276, connection(True, 42027, whole)),
    "null-gap": pcap(0, connection(False, 42027, gap)),
    "loop-v6": pcap(108, connection(True, 43027, split)),
    "raw-open-req-port": pcap(101, connection(False, 5000, split)),
    "ipv4-linktype": pcap(228, connection(False, 42027, whole)),
    "ipv6-linktype-gap": pcapng(229, connection(True, 42027, gap)),
}
for name, data in seeds.items():
    with open(f"{out}/seed-{name}", "wb") as f: f.write(data)
PY

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
ls "$msg" "$frm" "$prx" "$cap" "$lines" | wc -l
