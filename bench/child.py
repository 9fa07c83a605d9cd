"""Run a Python child process and measure its peak memory from outside.

`getrusage` is no good here: a child's `ru_maxrss` starts from the high-water mark of the process
it was forked from (exec records the old address space's peak), so a child of a big benchmark
process reports the benchmark's size. The kernel's `VmHWM` (in /proc/<pid>/status) is the peak
resident set of the child's own address space, which exec makes new, so it is the child's alone.

VmHWM vanishes when the process exits, so the child is held at its very end: a prelude registers
an atexit handler (registered first, so it runs last) that tells the parent it is done and waits.
The parent then reads VmHWM, which can only have grown until that moment, and lets the child go.
The parent also polls VmHWM meanwhile, so a child that dies without reaching atexit still gets a
figure (a lower bound).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

POLL_S = 0.01

_PRELUDE = (
    "import atexit, os, sys\n"
    "_w, _r = int(os.environ.pop('BENCH_DONE_FD')), int(os.environ.pop('BENCH_GO_FD'))\n"
    "def _hold():\n"
    "    sys.stdout.flush(); sys.stderr.flush()\n"
    "    os.write(_w, b'done\\n'); os.read(_r, 1)\n"
    "atexit.register(_hold)\n"
    "sys.argv = [sys.argv[1], *sys.argv[2:]]\n"
    "import runpy\n"
    "runpy.run_path(sys.argv[0], run_name='__main__') if sys.argv[0].endswith('.py') "
    "else runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
)


@dataclass
class ChildRun:
    returncode: int
    seconds_to_done: float  # process start until the end of its main (before interpreter teardown)
    peak_rss_kb: int  # VmHWM read from outside
    held: bool  # the peak was read at the child's end (else: last poll, a lower bound)
    stdout: str
    stderr: str

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_kb / 1024


def vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def supported() -> bool:
    return sys.platform.startswith("linux") and Path(f"/proc/{os.getpid()}/status").exists()


def run_measured(target: str, args: list[str], cwd: Path, timeout: float = 600) -> ChildRun:
    """Run `python TARGET ARGS` (TARGET a script path or a module name), peak RSS from outside."""
    done_r, done_w = os.pipe()
    go_r, go_w = os.pipe()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "BENCH_DONE_FD": str(done_w), "BENCH_GO_FD": str(go_r)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _PRELUDE, target, *args], cwd=cwd, env=env,
                                stdout=out, stderr=err, pass_fds=(done_w, go_r))
        os.close(done_w)
        os.close(go_r)
        peak, held, done_s = 0, False, None
        try:
            deadline = t0 + timeout
            while time.perf_counter() < deadline:
                peak = max(peak, vm_hwm_kb(proc.pid))
                ready, _, _ = select.select([done_r], [], [], POLL_S)
                if ready:
                    done_s = time.perf_counter() - t0
                    if os.read(done_r, 16):
                        peak = max(peak, vm_hwm_kb(proc.pid))
                        held = True
                    break
                if proc.poll() is not None:
                    break
            os.close(go_w)  # lets a held child finish (its read returns at end of file)
            go_w = -1
            proc.wait(timeout=max(1.0, deadline - time.perf_counter()))
        finally:
            if go_w >= 0:
                os.close(go_w)
            os.close(done_r)
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = (f.read().decode("utf-8", "replace") for f in (out, err))
        seconds = done_s if done_s is not None else time.perf_counter() - t0
        return ChildRun(proc.returncode, seconds, peak, held, stdout, stderr)


def gnu_time_peak_kb(args: list[str], cwd: Path) -> int | None:
    """Cross-check with GNU time (`apt install time`), when installed: its child is forked from a
    small process, so the child's `ru_maxrss` it prints carries almost nothing inherited."""
    gnu = shutil.which("time", path="/usr/bin:/bin")
    if gnu is None:
        return None
    proc = subprocess.run([gnu, "-f", "BENCH_GNU_TIME_KB %M", sys.executable, *args], cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, capture_output=True, text=True,
                          encoding="utf-8", timeout=600)
    for line in proc.stderr.splitlines():
        if line.startswith("BENCH_GNU_TIME_KB "):
            return int(line.split()[1])
    return None
