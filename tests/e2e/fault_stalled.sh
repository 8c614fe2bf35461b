#!/bin/sh
# A terminal that stops taking output (a stalled SSH window, a stopped
# terminal): the screen's writes block.  Saving must not wait for it:
# notes typed before the stall reach the database while the terminal
# still takes nothing, and SIGTERM then ends the program, saved.  Driven
# through a pseudo-terminal whose output nobody reads (python pty);
# "blocked" is a condition read from /proc, never a time.
. "$(dirname "$0")/lib.sh"
E2E_LIMIT=90
e2e_init fault-stalled
. "$(dirname "$0")/fault_lib.inc"

id=$(e2e_new_batch "Stina Stopp") || { fail fault-stall-setup "new failed"; exit 0; }
# the longest autosave: while the terminal is stalled for less than that,
# only the stall guard can save the text
mkdir -p "$XDG_CONFIG_HOME/exitview"
printf '[exitview]\nautosave = 60\n' > "$XDG_CONFIG_HOME/exitview/config.ini"
"$BIN" check-config >/dev/null 2>&1 || { fail fault-stall-config "$("$BIN" check-config 2>&1)"; exit 0; }
python3 - "$BIN" "$id" "$E2E_DIR" <<'PY' > "$E2E_DIR/harness.out" 2>&1
import fcntl, os, pty, struct, subprocess, sys, termios, time
binp, ivid, d = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(binp, [binp, "resume", ivid])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
def read_until(text, limit=1000):
    buf = b""
    for _ in range(limit):
        try:
            buf += os.read(fd, 65536)
        except OSError:
            return False
        if text in buf:
            return True
    return False
def notes():
    r = subprocess.run([binp, "show", ivid], capture_output=True, text=True)
    return r.stdout
def wchan():
    try:
        return open("/proc/%d/wchan" % pid).read()
    except OSError:
        return "gone"
def blocked_in_write():
    # the screen's thread blocked writing to the terminal (n_tty_write / tty_write)
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            w = open("/proc/%d/task/%s/wchan" % (pid, tid)).read()
            if "write" in w or w == "wait_woken":
                return True
    except OSError:
        pass
    return False
print("open", read_until(b"Question 1 of 7"))
os.write(fd, "Skrivet före stoppet.".encode())
print("typed", read_until("stoppet.".encode()))
# stop reading; full redraws (Ctrl-L), one at a time, until a write blocks
n = 0
while not blocked_in_write() and n < 2000:
    os.write(fd, b"\x0c")
    n += 1
    time.sleep(0.01)
print("blocked", blocked_in_write(), n)
# the guard saves while the terminal is stalled (a condition, polled)
saved = False
for _ in range(200):
    if "Skrivet före stoppet." in notes():
        saved = True
        break
    time.sleep(0.05)
print("saved-while-stalled", saved, blocked_in_write())
os.kill(pid, 15)
gone = False
for _ in range(200):
    p, st = os.waitpid(pid, os.WNOHANG)
    if p == pid:
        gone = True
        break
    time.sleep(0.05)
print("term-exits", gone)
if not gone:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
PY
out=$(cat "$E2E_DIR/harness.out")
echo "$out" | grep -q "^open True" && echo "$out" | grep -q "^typed True" || fail fault-stall-harness "$out"
echo "$out" | grep -q "^blocked True" && ok fault-stall-terminal-blocked || fail fault-stall-terminal-blocked "$out"
echo "$out" | grep -q "^saved-while-stalled True True" && ok fault-stall-saved-while-blocked || fail fault-stall-saved-while-blocked "$out"
echo "$out" | grep -q "^term-exits True" && ok fault-stall-sigterm-exits || fail fault-stall-sigterm-exits "$out"
fl_notes "$id" 1 | grep -q "Skrivet före stoppet." && ok fault-stall-notes-kept || fail fault-stall-notes-kept "$(fl_notes "$id" 1)"
e2e_done
