#!/usr/bin/env python3
"""Generate man/cti.1 (mdoc), the shell completions and the README's simulator commands from the built `cti`.

The man page comes from the command tree (`cti --experimental-dump-help`, the same data
swift-argument-parser's generate-manual plugin reads), completed with EXIT STATUS,
ENVIRONMENT, FILES and EXAMPLES; the completions are `cti --generate-completion-script`.
Options of a titled option group (`@OptionGroup(title:)`, e.g. "Connection Options") are the
same under every command that takes them: the page describes them once, in a section of that
name, and each command refers to it.

    scripts/generate-docs.py [CTI]          write man/cti.1 and completions/*
    scripts/generate-docs.py --check [CTI]  exit 1 when a committed file differs
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATE = "November 23, 2026"

EXIT_STATUS = [
    ("0", "success"),
    ("1", "a request was refused by the server (FAILURE_CONF or CONTROL_FAILURE_CONF); the message names the code; simulate: a scenario step, or with --replay --once the replay, did not happen; doctor: a check failed; ladder: no message of the call"),
    ("2", "connection or session failure, OPEN refused, or no server configured with --no-embedded; doctor: no side reachable"),
    ("64", "usage error: unknown option, command, message, field or mask name, a value that does not fit"),
    ("65", "undecodable input (decode; simulate --replay of a file that is no capture or raw recording)"),
    ("124", "a --timeout ran out before --count was reached (watch or proxy; watch --timeout alone exits 0), or before wait's event came"),
    ("130", "wait was ended by SIGINT or SIGTERM before its event came"),
]
ENVIRONMENT = [
    ("CTI_HOST", "side A of the CTI Server, host[:port] (default port 42027)"),
    ("CTI_HOST_B", "side B, host[:port] (default port 43027)"),
    ("CTI_CLIENT_ID", "the ClientID (default cti-HOSTNAME-PID, unique per process)"),
    ("CTI_PASSWORD", "the ClientPassword (never given on the command line)"),
    ("CTI_PROFILE", "the config file profile to use"),
    ("CTI_PROTOCOL", "the protocol version, 20-25 or auto (the default)"),
    ("CTI_CONFIG", "another config file"),
    ("CTI_HISTFILE", "the REPL history file; empty or /dev/null disables it"),
    ("XDG_CONFIG_HOME", "where the config file lives (cti/config)"),
    ("XDG_STATE_HOME", "where the REPL history lives (cti/history)"),
    ("NO_COLOR", "when set and not empty, text output has no colour"),
]
FILES = [
    ("$XDG_CONFIG_HOME/cti/config", "TOML: top-level keys and [profiles.NAME] tables with the long option names (host, host-b, protocol, client-id, password-file, peripheral, services, call-mask, agent-mask, config-mask, agent-id, agent-ext, instrument, heartbeat, connect-timeout); precedence flag > environment > file > default"),
    ("$XDG_STATE_HOME/cti/history", "REPL history (1000 lines; lines naming a password are never stored)"),
]
# What a shared option section says before its list (keyed by the group's title).
SECTION_INTRODUCTIONS = {
    "Connection Options": "The commands that say so under COMMANDS take these. Each value comes from the "
                          "option, else the environment (ENVIRONMENT), else the config file profile (FILES), else the "
                          "default; cti config show prints the result and where each value came from.",
    "Output Options": "How the commands that print events (open, watch, the request commands with --follow) print "
                      "them.",
}
EXAMPLES = [
    ("Watch every event of the embedded simulator as JSON Lines:", "cti watch -o json | jq -c 'select(.type == \"AGENT_STATE_EVENT\")'"),
    ("Open a session against a real server and show what was granted:", "cti open --host cti-a.example.com --host-b cti-b.example.com"),
    ("Make a call for an agent's phone and follow its events for 10 seconds:", "cti call make 5551234 --instrument 2001 --follow 10"),
    ("Decode a recorded stream:", "cti watch --record session.bin --count 100; cti decode --file session.bin"),
    ("Run a script, stopping at the first failure:", "cti -f scenario.cti --echo"),
]


def esc(text):
    text = (text or "").replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append(".Pp")  # mdoc has no empty lines
        else:
            lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def option_line(argument):
    names = argument.get("names") or []
    flags = []
    for name in names:
        flags.append(("Fl " + name["name"]) if name["kind"] == "short" else ("Fl -" + name["name"]))
    value = argument.get("valueName")
    if argument["kind"] == "positional":
        return f"Ar {value or 'value'}"
    if argument["kind"] == "option":
        return " , ".join(f"{flag} Ar {value or 'value'}" for flag in flags)
    return " , ".join(flags)


def shown_arguments(command):
    return [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)
            and not (a.get("names") and a["names"][0]["name"] in ("help", "version"))]


def section_name(title):
    return title.upper()


def shared_sections(root):
    """The titled option groups: title -> (arguments, commands taking them), in order of appearance.

    Fails when a group's options differ between two commands: the page could not describe them once."""
    sections = {}

    def walk(command, path):
        groups = {}
        for argument in shown_arguments(command):
            if argument.get("sectionTitle"):
                groups.setdefault(argument["sectionTitle"], []).append(argument)
        for title, arguments in groups.items():
            if title not in sections:
                sections[title] = (arguments, [])
            elif sections[title][0] != arguments:
                sys.exit(f"generate-docs: the {title} of `{' '.join(path)}` differ from those of "
                         f"`{sections[title][1][0]}`: a titled option group must be the same under every command")
            sections[title][1].append(" ".join(path))
        for sub in command.get("subcommands", []):
            walk(sub, path + [sub["commandName"]])

    walk(root, ["cti"])
    return sections


def argument_list(arguments, out):
    out.append(".Bl -tag -width 6n")
    for argument in arguments:
        out.append(f".It {option_line(argument)}")
        out.append(esc(argument.get("abstract", "")) or "\\&")
    out.append(".El")


def section_references(titles):
    """`Also takes the options under .Sx A and .Sx B .` as mdoc lines."""
    lines = [".Pp", "Also takes the options under"]
    for index, title in enumerate(titles):
        if index:
            lines.append("and" if index == len(titles) - 1 else ",")
        lines.append(f".Sx {section_name(title)}" + (" ." if index == len(titles) - 1 else ""))
    return lines


def command_section(command, path, out):
    name = " ".join(path)
    out.append(f".Ss {esc(name)}")
    if len(path) == 1:
        out.append("Options of the REPL and of scripts:")
    elif command.get("abstract"):
        out.append(esc(command["abstract"]))
    if len(path) > 1 and command.get("discussion"):
        out.append(".Pp")
        out.append(esc(command["discussion"]))
    arguments = shown_arguments(command)
    own = [a for a in arguments if not a.get("sectionTitle")]
    if own:
        argument_list(own, out)
    titles = list(dict.fromkeys(a["sectionTitle"] for a in arguments if a.get("sectionTitle")))
    if titles:
        out += section_references(titles)
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            command_section(sub, path + [sub["commandName"]], out)


def manual(tree):
    root = tree["command"]
    out = [
        f".Dd {DATE}", ".Dt CTI 1", ".Os",
        ".Sh NAME", ".Nm cti", ".Nd " + esc(root.get("abstract", "")),
        ".Sh SYNOPSIS", ".Nm", ".Op Ar options", ".Op Ar subcommand Op Ar arguments",
        ".Sh DESCRIPTION", esc(root.get("discussion", "")), ".Pp",
        "With a terminal on standard input and no subcommand,", ".Nm", "starts the REPL; with", ".Fl c", ",", ".Fl f",
        "or a non-terminal standard input it runs a script; with a subcommand it runs one-shot.",
        ".Sh COMMANDS",
    ]
    command_section(root, ["cti"], out)
    for title, (arguments, commands) in shared_sections(root).items():
        out.append(f".Sh {section_name(title)}")
        out.append(esc(SECTION_INTRODUCTIONS.get(title, "")) or f"Taken by {len(commands)} commands.")
        argument_list(arguments, out)
    out.append(".Sh ENVIRONMENT")
    out.append(".Bl -tag -width XDG_CONFIG_HOME")
    for name, text in ENVIRONMENT:
        out += [f".It Ev {name}", esc(text)]
    out.append(".El")
    out.append(".Sh FILES")
    out.append(".Bl -tag -width 6n")
    for name, text in FILES:
        out += [f".It Pa {esc(name)}", esc(text)]
    out.append(".El")
    out.append(".Sh EXIT STATUS")
    out.append(".Bl -tag -width 6n")
    for code, text in EXIT_STATUS:
        out += [f".It {code}", esc(text)]
    out.append(".El")
    out.append(".Sh EXAMPLES")
    for text, command in EXAMPLES:
        out += [esc(text), ".Bd -literal -offset indent", esc(command), ".Ed"]
    return "\n".join(out) + "\n"


def readme_with_simulator_commands(cti):
    """README.md with the simulator's commands between its markers: `cti sim help` without its usage line."""
    readme = (ROOT / "README.md").read_text()
    commands = subprocess.run([cti, "sim", "help"], check=True, capture_output=True, text=True).stdout.split("\n", 1)[1]
    begin, end = "<!-- simulator-commands: begin -->\n```text\n", "```\n<!-- simulator-commands: end -->"
    head, rest = readme.split(begin, 1)
    return head + begin + commands + end + rest.split(end, 1)[1]


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    cti = args[0] if args else str(ROOT / ".build" / "debug" / "cti")
    tree = json.loads(subprocess.run([cti, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
    files = {ROOT / "man" / "cti.1": manual(tree), ROOT / "README.md": readme_with_simulator_commands(cti)}
    for shell, name in (("bash", "cti.bash"), ("zsh", "_cti"), ("fish", "cti.fish")):
        files[ROOT / "completions" / name] = subprocess.run([cti, "--generate-completion-script", shell], check=True,
                                                            capture_output=True, text=True).stdout
    if "--check" in sys.argv:
        stale = [str(path.relative_to(ROOT)) for path, text in files.items() if not path.exists() or path.read_text() != text]
        if stale:
            print("out of date (run scripts/generate-docs.py): " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
