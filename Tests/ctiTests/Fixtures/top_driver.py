#!/usr/bin/env python3
"""Drives the full-screen `cti top` in a pseudo-terminal, as a person would, and prints what was
seen as JSON: used by TopScreenTests.swift. Usage: top_driver.py CTI HOST-OPTIONS...

Run 1 (--refresh 1): the first frame; `cti agent not-ready --instrument 2001 --reason 7` from
another process and the frames after it; `q`. Run 2 (--refresh 600, so only a resize or a key can
draw): the window made 60x30 (SIGWINCH) and the frame after; `/1003` Enter; `s`; Ctrl-C.
Each run reports the bytes' tail and whether the termios settings are as they were."""
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

CTI, HOSTS = sys.argv[1], sys.argv[2:]
ENV = dict(os.environ, TERM="xterm", NO_COLOR="", CTI_HOST="", CTI_PROFILE="", XDG_CONFIG_HOME="/nonexistent-cti-test")
ENV.pop("NO_COLOR")
FRAME_START, FRAME_END = b"\x1b[H", b"\x1b[J"
SGR = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def set_size(fd, rows, columns):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class Top:
    def __init__(self, refresh):
        self.master, self.slave = os.openpty()
        set_size(self.slave, 40, 120)
        self.before = termios.tcgetattr(self.slave)
        slave = self.slave

        def controlling():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen([CTI, "top", "--refresh", refresh] + HOSTS, stdin=slave, stdout=slave, stderr=slave,
                                        env=ENV, preexec_fn=controlling)
        self.data = b""

    def read(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return False
            self.data += chunk
            return bool(chunk)
        return True

    def frames(self, since=0):
        """The complete frames printed after byte `since`, each as its lines with SGR removed."""
        found = []
        for part in self.data[since:].split(FRAME_START)[1:]:
            if FRAME_END in part:
                text = part.split(FRAME_END)[0].decode(errors="replace")
                # The tty's ONLCR makes each "\r\n" "\r\r\n".
                found.append([SGR.sub("", line).rstrip("\r") for line in text.split("\n")])
        return found

    def wait_frames(self, count, since=0, timeout=20.0, until=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            frames = self.frames(since)
            if len(frames) >= count or (until and any(until(frame) for frame in frames)):
                return frames
            if not self.read(0.1):
                break
        return self.frames(since)

    def send(self, keys):
        os.write(self.master, keys)

    def finish(self):
        deadline = time.time() + 10
        while self.process.poll() is None and time.time() < deadline:
            self.read(0.1)
        while self.read(0.05) and select.select([self.master], [], [], 0)[0]:
            pass
        if self.process.poll() is None:
            self.process.kill()
        after = termios.tcgetattr(self.slave)
        return {"exitStatus": self.process.wait(), "termiosRestored": after == self.before,
                "tail": self.data[-40:].decode(errors="replace"), "start": self.data[:40].decode(errors="replace")}


results = {}
# Run 1: first frame, a state change from another process, q.
top = Top("1")
first = top.wait_frames(1, timeout=30)
results["first"] = first[0] if first else []
change = subprocess.run([CTI, "agent", "not-ready", "--instrument", "2001", "--reason", "7", "-q"] + HOSTS, env=ENV,
                        capture_output=True, timeout=60)
results["notReadyStatus"] = change.returncode
top.read(0)
frames = top.wait_frames(2, since=len(top.data))
results["framesAfterChange"] = frames[:2]
top.send(b"q")
results["run1"] = top.finish()

# Run 2: resize, filter, sort, Ctrl-C; nothing redraws but those (refresh 600 s).
top = Top("600")
first = top.wait_frames(1, timeout=30)
results["run2First"] = first[0] if first else []
mark = len(top.data)
set_size(top.slave, 30, 60)
top.process.send_signal(signal.SIGWINCH)
frames = top.wait_frames(1, since=mark)
results["resized"] = frames[0] if frames else []
mark = len(top.data)
top.send(b"/1003\r")
def first_match(frames, condition):
    return next((frame for frame in frames if condition(frame)), frames[-1] if frames else [])


filtered = lambda frame: frame[0].startswith("cti top  sort AGENT  filter 1003")  # noqa: E731
results["filtered"] = first_match(top.wait_frames(9, since=mark, until=filtered), filtered)
mark = len(top.data)
top.send(b"s")
resorted = lambda frame: frame[0].startswith("cti top  sort EXTENSION")  # noqa: E731
results["sorted"] = first_match(top.wait_frames(9, since=mark, until=resorted), resorted)
top.send(b"\x03")
results["run2"] = top.finish()
print(json.dumps(results))
