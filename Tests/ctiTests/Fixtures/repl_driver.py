#!/usr/bin/env python3
"""Drives `cti` (the REPL) through a pseudo-terminal, as a person would, and prints what was
seen as JSON: used by REPLTests.swift. Usage: repl_driver.py CTI HISTFILE"""
import json
import os
import pty
import select
import sys
import time

CTI, HISTFILE = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, TERM="xterm", NO_COLOR="1", XDG_CONFIG_HOME="/nonexistent-cti-test", CTI_HISTFILE=HISTFILE,
           CTI_HOST="", CTI_PROFILE="", COLUMNS="200", LINES="50")


def spawn():
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(CTI, [CTI], ENV)
    return pid, fd


def read_until(fd, needle, timeout=10.0, seen=b""):
    deadline = time.time() + timeout
    data = seen
    while time.time() < deadline:
        if needle.encode() in data:
            return data, True
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data, needle.encode() in data


def wait_exit(pid, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        time.sleep(0.05)
    os.kill(pid, 9)
    return -2


results = {}
pid, fd = spawn()
out, results["prompt"] = read_until(fd, "cti> ")
os.write(fd, b"open -q\r")
out, results["openPrompt"] = read_until(fd, "cti[A:open]> ", seen=out)

# Tab completion of a message name.
os.write(fd, b"watch --filter END_CALL_EV\t")
time.sleep(0.3)
os.write(fd, b"\r")
out, _ = read_until(fd, "cti[A:open]> ", seen=out)

# An event arriving while a line is half typed prints above the prompt; the line survives.
mark = len(out)
os.write(fd, b"sim flood 2 2\r")
out, _ = read_until(fd, "cti[A:open]> ", seen=out)
os.write(fd, b"stat")
typed, results["eventWhileTyping"] = read_until(fd, "END_CALL_EVENT", timeout=5)
typed, _ = read_until(fd, "stat", timeout=2, seen=typed)
# The event line came first, then the prompt with the half-typed word redrawn under it.
results["typedLineRedrawn"] = "stat" in typed.decode(errors="replace").split("END_CALL_EVENT")[-1]
out += typed
os.write(fd, b"us\r")
out, results["statusAfterEvent"] = read_until(fd, "session   open", seen=out)

# Ctrl-C drops the line being typed (it never runs) and keeps the REPL.
os.write(fd, b"garbage-words")
time.sleep(0.3)
os.write(fd, b"\x03")
out, results["interruptPrompt"] = read_until(fd, "^C", seen=out)
os.write(fd, b"status\r")
after, results["statusAfterInterrupt"] = read_until(fd, "session   open", timeout=5)
results["interruptedLineDropped"] = "garbage" not in after.decode(errors="replace")
out += after

time.sleep(0.5)  # let the prompt come back before typing again
os.write(fd, b"\x04")  # Ctrl-D: close the session and quit
out, results["closedOnExit"] = read_until(fd, "session closed", seen=out)
results["exitStatus"] = wait_exit(pid)

# History kept across runs: the previous session's last command comes back with Up.
pid, fd = spawn()
out2, _ = read_until(fd, "cti> ")
os.write(fd, b"\x1b[A")
out2, results["historyRecalled"] = read_until(fd, "status", seen=out2)
# Tab completion of a mask name.
os.write(fd, b"\x15config show --no-config --services CTI_SERVICE_ALL_EV\t")
time.sleep(0.3)
os.write(fd, b"\r")
out2, results["maskCompleted"] = read_until(fd, "CTI_SERVICE_ALL_EVENTS  (flag)", seen=out2)
os.write(fd, b"\x15\x04")
wait_exit(pid)
with open(HISTFILE, "rb") as handle:
    results["historyFile"] = handle.read().decode(errors="replace")
# The completed word reached the line that ran (the history stores it as typed + completed).
results["tabCompleted"] = "watch\\040--filter\\040END_CALL_EVENT" in results["historyFile"]
results["transcript"] = out.decode(errors="replace")[-3000:]
print(json.dumps(results))
