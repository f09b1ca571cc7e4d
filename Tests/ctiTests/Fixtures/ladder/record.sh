#!/bin/bash
# record.sh NAME LINE...: a fresh `cti simulate`, a `cti proxy --record NAME.pcap` in front of it, `cti watch -o json > NAME.jsonl`
# beside it, and the console LINEs run as one script through the proxy.
set -u
CTI=${CTI:-.build/debug/cti}
export XDG_CONFIG_HOME=${TMPDIR:-/tmp}/ladder-cfg XDG_STATE_HOME=${TMPDIR:-/tmp}/ladder-state-$1
name=$1; shift
rm -f $name.*
$CTI simulate --port-a 0 --port-b 0 > $name.sim.out 2> $name.sim.err < <(sleep 60) &
sim=$!
sleep 1.5
PA=$(head -1 $name.sim.out | sed 's/.*://'); PB=$(sed -n 2p $name.sim.out | sed 's/.*://')
$CTI proxy --listen 0 --to 127.0.0.1:$PA --record $name.pcap -o json > $name.proxy.jsonl 2> $name.proxy.err &
proxy=$!
sleep 1
LP=$(grep -o 'listening on [0-9.]*:[0-9]*' $name.proxy.err | head -1 | sed 's/.*://')
$CTI watch --no-config --host 127.0.0.1:$PA --host-b 127.0.0.1:$PB -o json -q > $name.jsonl 2> $name.watch.err &
watch=$!
sleep 1
args=(); for line in "$@"; do args+=(-c "$line"); done
CTI_HOST=127.0.0.1:$LP CTI_HOST_B=127.0.0.1:$PB $CTI --echo "${args[@]}" > $name.script.out 2>&1; echo "script exit $?"
sleep 1
kill -INT $watch $proxy; sleep 1; kill $sim; wait 2>/dev/null
# The fixtures of LadderCommandTests were made (from the package directory, in Tests/ctiTests/Fixtures/ladder) with:
#   record.sh transfer 'call make 5551234 --instrument 2001' 'wait CALL_ESTABLISHED_EVENT --timeout 10' \
#     'call consult 16777300 2002 --instrument 2001' 'wait CALL_DELIVERED_EVENT ConnectionCallID=16777301 --timeout 10' \
#     'call answer 16777301 --instrument 2002' 'wait CALL_ESTABLISHED_EVENT ConnectionCallID=16777301 --timeout 10' \
#     'call transfer 16777301 16777300 --instrument 2001' 'sleep 1' 'call clear 16777300 --device 2002' 'sleep 1'
#   record.sh conference (the same with 'call conference 16777301 16777300 --instrument 2001' and 'call clear 16777300 --device 2001')
#   record.sh persistent 'persistent make --device 5001 --calling-id 4000' 'wait CALL_ESTABLISHED_EVENT ConnectionCallID=$CALLID --timeout 10' \
#     'sleep 1' 'persistent drop 16777300 --device 5001' 'sleep 1'
# keeping NAME.pcap (the proxy's capture: requests, confirmations and events) and transfer.jsonl as transfer-watch.jsonl.
