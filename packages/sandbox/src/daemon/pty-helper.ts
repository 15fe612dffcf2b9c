/**
 * A PTY for terminals without a native Node addon: Python's standard `pty` module (Python 3 is in
 * every sandbox image) allocates it and relays bytes over pipes. Resizes arrive on fd 3 as
 * "rows cols\n" lines and are applied with TIOCSWINSZ, so the kernel sends SIGWINCH as usual.
 * Writes to stdout block when the daemon stops reading, which is the terminal's flow control.
 */
export const PTY_HELPER_SOURCE = String.raw`
import os, pty, sys, select, fcntl, termios, struct, signal
rows, cols, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    try:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(argv[0], argv)
    except Exception as error:
        os.write(2, ("codeyard: cannot start %s: %s\r\n" % (argv[0], error)).encode())
        os._exit(127)
def forward(sig, _frame):
    try:
        os.killpg(pid, sig)
    except OSError:
        pass
for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
    signal.signal(s, forward)
readers, control = [fd, 0, 3], b""
while True:
    try:
        ready = select.select(readers, [], [])[0]
    except InterruptedError:
        continue
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            break
        view = memoryview(data)
        while view:
            view = view[os.write(1, view):]
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            readers.remove(0)
        else:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
    if 3 in ready:
        data = os.read(3, 4096)
        if not data:
            readers.remove(3)
        control += data
        while b"\n" in control:
            line, control = control.split(b"\n", 1)
            r, c = (int(x) for x in line.split())
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", r, c, 0, 0))
status = os.waitpid(pid, 0)[1]
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;
