#!/usr/bin/env bash
# ctest package_units_verify: `systemd-analyze verify` on every unit in packaging/systemd, with the
# installed program paths pointed at this build (the installed units are verified again by
# test-install.sh), and each service's `systemd-analyze security` exposure printed.
#   packaging/test-units.sh SOURCE_DIR BUILD_DIR        exit 77 (skipped) without systemd-analyze
set -euo pipefail
SRC=$1
BUILD=$2
command -v systemd-analyze >/dev/null || { echo "skipped: no systemd-analyze (package systemd)"; exit 77; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for unit in "$SRC"/packaging/systemd/*; do
    sed -e "s#/usr/libexec/examsite/kiosk-session#$SRC/packaging/kiosk-session#" \
        -e "s#/usr/bin/examsite-kiosk#$BUILD/app/kiosk/examsite-kiosk#" \
        -e "s#/usr/bin/examsite-intake#$BUILD/app/intake/examsite-intake#" \
        -e "s#/usr/bin/examsite #$BUILD/app/cli/examsite #" "$unit" >"$WORK/$(basename "$unit")"
done
status=0
for unit in "$WORK"/*; do
    # verify exits 0 on an unknown key or a bad value (it only warns): any message fails the test.
    if out=$(systemd-analyze verify --man=no "$unit" 2>&1) && [ -z "$out" ]; then
        echo "verified: $(basename "$unit")"
    else
        echo "FAILED: systemd-analyze verify $(basename "$unit"): $out"
        status=1
    fi
done
# The kiosk runs the ID-card photo decoder's helper (examsite-photo-decode), which installs its own
# system-call filter under the unit's: the unit's SystemCallFilter must allow what the helper needs to
# set itself up (else systemd kills it with SIGSYS and no card photo is ever decoded) and everything the
# helper's own filter allows (hardware/idcard/photodecodehelper.cpp).
expand() { # the system calls of a SystemCallFilter= word, groups expanded
    case $1 in
    @*) systemd-analyze syscall-filter --no-pager "$1" | sed -e '1d' -e '/^ *#/d' -e 's/^ *//' -e '/^$/d' |
            while read -r w; do expand "$w"; done ;;
    *) echo "$1" ;;
    esac
}
filter=$(sed -n 's/^SystemCallFilter=//p' "$WORK/examsite-kiosk.service")
allowed=$(for w in $filter; do expand "$w"; done | sort -u)
for call in seccomp prctl prlimit64 dup dup2 read write writev close fstat newfstatat brk mmap munmap mremap \
    madvise mprotect futex clock_gettime gettimeofday clock_nanosleep nanosleep sched_yield restart_syscall \
    rt_sigreturn rt_sigprocmask rt_sigaction getpid gettid tgkill kill exit exit_group; do
    grep -qx "$call" <<<"$allowed" || { echo "FAILED: examsite-kiosk.service: SystemCallFilter does not allow $call (the photo decoder's helper needs it)"; status=1; }
done
for unit in "$WORK"/*.service; do
    score=$(systemd-analyze security --offline=true --no-pager "$unit" 2>/dev/null |
            sed -n 's/.*Overall exposure level for [^:]*: *//p')
    echo "systemd-analyze security $(basename "$unit"): ${score:-not available}"
done
exit $status
