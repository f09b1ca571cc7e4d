#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal and types into it step by step: used by SecretsTests.swift.
Usage: pty_steps.py SPEC, where SPEC is JSON {"argv": [...], "env": {...}, "steps": [[WAIT_FOR, TYPE], ...]}:
each step waits (at most 15 s) until WAIT_FOR has been printed since the previous step, then types
TYPE ("\\u0004" is Ctrl-D). Prints JSON {"status": exit status, "transcript": everything printed,
"stepsSeen": how many WAIT_FORs appeared}."""
import json
import os
import pty
import select
import sys
import time

SPEC = json.loads(sys.argv[1])
ENV = dict(os.environ, TERM="xterm", NO_COLOR="1", COLUMNS="200", LINES="50", **SPEC.get("env", {}))

pid, fd = pty.fork()
if pid == 0:
    os.execve(SPEC["argv"][0], SPEC["argv"], ENV)

data, mark, seen = b"", 0, 0


def read_some(timeout):
    """Reads what is there within `timeout`: b"" if nothing came, None at the end of output."""
    global data
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        return None
    data += chunk
    return chunk or None


for wait_for, text in SPEC["steps"]:
    deadline = time.time() + 15
    while wait_for.encode() not in data[mark:] and time.time() < deadline:
        if read_some(0.1) is None:
            break
    if wait_for.encode() not in data[mark:]:
        break
    seen += 1
    mark = len(data)
    os.write(fd, text.encode())

# A last Ctrl-D is typed again every 10 s while the process runs: on a loaded machine the first
# one can reach the line editor before it has redrawn an empty line (libedit then reads it as
# "delete the character under the cursor"). `retyped` counts how often that was needed.
status, deadline, retyped = -2, time.time() + 40, 0
next_retype = time.time() + 10
while time.time() < deadline:
    read_some(0.05)
    if SPEC["steps"] and SPEC["steps"][-1][1] == "\u0004" and time.time() >= next_retype:
        os.write(fd, b"\x04")
        retyped += 1
        next_retype = time.time() + 10
    done, raw = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.WEXITSTATUS(raw) if os.WIFEXITED(raw) else -1
        break
else:
    os.kill(pid, 9)
while read_some(0.05):
    pass  # what is left after the exit
print(json.dumps({"status": status, "transcript": data.decode(errors="replace"), "stepsSeen": seen, "retyped": retyped}))
