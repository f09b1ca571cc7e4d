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


class Screen:
    """Everything the pty printed, and a mark: `expect` waits for text printed after the mark."""

    def __init__(self, fd):
        self.fd, self.data, self.mark = fd, b"", 0

    def send(self, text):
        self.mark = len(self.data)
        os.write(self.fd, text)

    def expect(self, needle, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if needle.encode() in self.data[self.mark:]:
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.data += chunk
        return needle.encode() in self.data[self.mark:]

    def since_mark(self):
        return self.data[self.mark:].decode(errors="replace")


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
PROMPT = "cti[A:open]> "
pid, fd = spawn()
screen = Screen(fd)
results["prompt"] = screen.expect("cti> ")
screen.send(b"open -q\r")
results["openPrompt"] = screen.expect(PROMPT)

# Tab completion of a message name (checked in the history file below).
screen.send(b"watch --filter END_CALL_EV\t")
time.sleep(0.3)
screen.send(b"\r")
screen.expect(PROMPT)

# An event arriving while a line is half typed prints above the prompt; the line survives.
screen.send(b"sim flood 3 1\r")
screen.expect(PROMPT)
time.sleep(0.2)
screen.send(b"stat")
results["eventWhileTyping"] = screen.expect("call=2", timeout=5)
# The event line came first, then the prompt with the half-typed word redrawn under it (read
# until the redraw arrives: the echo of "stat" before the event does not count).
redraw_deadline = time.time() + 5
while "stat" not in screen.since_mark().split("call=2")[-1] and time.time() < redraw_deadline:
    screen.expect("\x00not-printed", timeout=0.1)  # reads what arrives meanwhile
results["typedLineRedrawn"] = "stat" in screen.since_mark().split("call=2")[-1]
screen.send(b"us\r")
results["statusAfterEvent"] = screen.expect("session   open")
screen.expect(PROMPT)

# Ctrl-C drops the line being typed (it never runs) and keeps the REPL.
time.sleep(0.2)
screen.send(b"garbage-words")
time.sleep(0.3)
screen.send(b"\x03")
results["interruptPrompt"] = screen.expect("^C")
screen.send(b"status\r")
results["statusAfterInterrupt"] = screen.expect("session   open", timeout=5)
results["interruptedLineDropped"] = "garbage" not in screen.since_mark()
screen.expect(PROMPT)

# After Ctrl-C the editor is still in raw mode: Tab completes and Ctrl-A moves to the line start
# at once, before any Enter (a terminal left in cooked mode would hold those keys until Enter).
time.sleep(0.2)
screen.send(b"more-garbage")
time.sleep(0.3)
screen.send(b"\x03")
screen.expect("^C")
time.sleep(0.3)
screen.send(b"reco\t")
# libedit writes the completed "nnect " after the typed "reco"; a cooked terminal only echoes the Tab.
# ("stat" would not do: it begins both status and stats.)
results["tabAfterInterrupt"] = screen.expect("nnect ", timeout=3)
screen.send(b"\x15tatus\x01s\r")  # Ctrl-U, then the word without its first letter, Ctrl-A, the letter
results["lineStartAfterInterrupt"] = screen.expect("session   open", timeout=5)
screen.expect(PROMPT)

# Context completion: the first word completes commands, the next a command's subcommands.
time.sleep(0.2)
screen.send(b"ag\t")
time.sleep(0.3)
screen.send(b"lo\t\t")
results["subcommandsListed"] = screen.expect("logout", timeout=3) and "login" in screen.since_mark()
screen.send(b"out\r")  # `agent logout` (checked in the history file below)
screen.expect(PROMPT)

# A failover redraws the prompt with the new side, without Enter.
time.sleep(0.2)
screen.send(b"sim kill A\r")
results["failoverPrompt"] = screen.expect("cti[B:open]> ", timeout=20)

# Ctrl-C stops a `load` run the way a signal does in one-shot mode (the agents log out, the
# summary prints), once; afterwards Ctrl-C still cancels the command running.
time.sleep(0.2)
screen.send(b"load --agents 3 --duration 60s --call-rate 1 --no-progress\r")
time.sleep(3)
screen.send(b"\x03")
results["loadInterrupted"] = screen.expect("stopped early by signal 2", timeout=10)
results["loadLoggedOut"] = screen.expect("cti[B:open]> ", timeout=10) and "3 closed;" in screen.since_mark()
results["loadTranscript"] = screen.since_mark()[-1500:]
time.sleep(0.2)
screen.send(b"wait CALL_FAILED_EVENT --timeout 60\r")
time.sleep(1)
screen.send(b"\x03")
results["interruptAfterLoad"] = screen.expect("cti[B:open]> ", timeout=5)

time.sleep(0.3)
screen.send(b"\x04")  # Ctrl-D: close the session and quit
results["closedOnExit"] = screen.expect("session closed")
results["exitStatus"] = wait_exit(pid)
out = screen.data

# History kept across runs: the previous session's last command (the interrupted `wait`) comes
# back with Up.
pid, fd = spawn()
out2, _ = read_until(fd, "cti> ")
os.write(fd, b"\x1b[A")
out2, results["historyRecalled"] = read_until(fd, "wait CALL_FAILED_EVENT --timeout 60", seen=out2)
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
results["commandCompleted"] = "agent\\040logout" in results["historyFile"]
results["transcript"] = out.decode(errors="replace")[-3000:]
print(json.dumps(results))
