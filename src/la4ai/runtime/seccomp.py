"""A seccomp filter for the sandbox: system calls learner code never needs are refused.

The namespaces already contain most of these calls (no capabilities, nested user namespaces
disabled); the filter is a second wall, and the only one for ``ptrace`` within the sandbox
and for kernel interfaces with a history of bugs (io_uring, bpf, userfaultfd, keyrings).
Each refused call fails with EPERM, so well-behaved libraries get an ordinary error.

The program is classic BPF as bwrap's ``--seccomp FD`` expects it. It is built for x86-64
only; on other architectures the sandbox runs without it (``la4ai doctor`` says so).
"""

from __future__ import annotations

import errno
import functools
import platform
import struct

__all__ = ["BLOCKED_SYSCALLS", "seccomp_program"]

# x86-64 system call numbers (arch/x86/entry/syscalls/syscall_64.tbl).
BLOCKED_SYSCALLS: dict[str, int] = {
    "ptrace": 101,
    "process_vm_readv": 310,
    "process_vm_writev": 311,
    "mount": 165,
    "umount2": 166,
    "pivot_root": 155,
    "chroot": 161,
    "swapon": 167,
    "swapoff": 168,
    "reboot": 169,
    "acct": 163,
    "init_module": 175,
    "delete_module": 176,
    "finit_module": 313,
    "quotactl": 179,
    "lookup_dcookie": 212,
    "kexec_load": 246,
    "kexec_file_load": 320,
    "add_key": 248,
    "request_key": 249,
    "keyctl": 250,
    "unshare": 272,
    "setns": 308,
    "perf_event_open": 298,
    "name_to_handle_at": 303,
    "open_by_handle_at": 304,
    "bpf": 321,
    "userfaultfd": 323,
    "io_uring_setup": 425,
    "io_uring_enter": 426,
    "io_uring_register": 427,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "mount_setattr": 442,
}

_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_SYSCALL_BIT = 0x40000000
# BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
# offsets in struct seccomp_data
_NR, _ARCH = 0, 4


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


@functools.cache
def seccomp_program() -> bytes | None:
    """The compiled filter, or None where it is not available (not x86-64 Linux)."""
    if platform.system() != "Linux" or platform.machine() not in {"x86_64", "AMD64"}:
        return None
    numbers = sorted(set(BLOCKED_SYSCALLS.values()))
    deny = _SECCOMP_RET_ERRNO | errno.EPERM
    body: list[bytes] = []
    # Calls through another ABI (i386 via int 0x80, x32) are refused outright.
    body.append(_insn(_LD_W_ABS, 0, 0, _ARCH))
    body.append(_insn(_JEQ_K, 1, 0, _AUDIT_ARCH_X86_64))
    body.append(_insn(_RET_K, 0, 0, deny))
    body.append(_insn(_LD_W_ABS, 0, 0, _NR))
    body.append(_insn(_JGE_K, len(numbers) + 1, 0, _X32_SYSCALL_BIT))
    for index, number in enumerate(numbers):
        # On a match jump to the final "deny" (past the remaining tests and the allow).
        body.append(_insn(_JEQ_K, len(numbers) - index, 0, number))
    body.append(_insn(_RET_K, 0, 0, _SECCOMP_RET_ALLOW))
    body.append(_insn(_RET_K, 0, 0, deny))
    return b"".join(body)
