#!/usr/bin/env bash
# The packages as a site's IT staff meet them (#18), on this machine, as root:
#   packaging/test-install.sh BUILD_DIR
# builds the .deb files from BUILD_DIR (CPack), runs lintian (errors fail), installs them with dpkg -i,
# checks the installed programs, files, user and units (systemd-analyze verify, security score), runs
# the installed kiosk session (kiosk-session: cage + the kiosk) on a headless output, screenshots it with
# grim and checks the check-in screen covers the output, checks that a kiosk that dies ends the session
# for a restart, that a proctor cannot leave it and a site administrator can (the kiosk's --login and
# --click hooks), then removes the packages (data kept) and purges them (data gone).
# Not root: skipped with a message (exit 0). The packages are removed again at the end, also on failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${1:-$ROOT/build}
OUT=$BUILD_DIR/packages
WORK=$(mktemp -d /tmp/examsite-install-test.XXXXXX)
chmod 0755 "$WORK"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'test-install: FAIL: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
    log "Package install test skipped: it installs the packages into this machine and needs root"
    exit 0
fi
for tool in cpack lintian hardening-check dpkg cage grim systemd-analyze ffmpeg runuser setpriv pgrep; do
    command -v "$tool" >/dev/null || fail "$tool is missing (packaging/examsite.sh setup installs it)"
done
# Runs of this test exclude each other: a lock held for the whole run, released by the kernel when the
# run ends in whatever way (the kiosk session it starts in the background does not inherit it).
LOCK=/run/lock/examsite-install-test.lock
exec 9>"$LOCK"
flock -n 9 || fail "another run of this test, or a program it started, holds $LOCK"
# The test's mark, there from before its dpkg -i until its packages are purged again, and a tag file in
# each data folder its packages create. A mark found here (its run is over: the lock was free) means a
# run killed before its clean-up (a SIGKILL, a machine stopped mid-run) left its packages: they are
# purged, but only if every data folder there is the test's (tagged). Packages or data without the mark,
# or an untagged data folder, are a real installation, which this test refuses to touch.
MARK=/var/lib/examsite-install-test.run
TAG=.examsite-install-test
DATA_DIRS=(/var/lib/examsite /var/lib/examsite-intake)
PACKAGES=(examsite examsite-intake examsite-models)
# Any of the packages in any state but "not-installed" (config-files, half-installed, unpacked, ...).
# dpkg-query fails on a package it has never heard of and prints nothing for it.
present() {
    local states
    states=$(dpkg-query -W -f='${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
    grep -qvx -e 'not-installed' -e '' <<<"$states"
}
if [ -f "$MARK" ]; then
    for d in "${DATA_DIRS[@]}"; do
        [ ! -e "$d" ] || [ -e "$d/$TAG" ] ||
            fail "$MARK says a run of this test left its packages, but $d is not the test's (no $TAG in it): a real installation? Remove $MARK by hand once that is settled"
    done
    log "Removing what an interrupted run of this test left ($MARK: $(cat "$MARK"))"
    if getent passwd examsite >/dev/null; then
        pkill -KILL -u examsite || true # its kiosk session, if the machine was not restarted since
    fi
    dpkg --purge "${PACKAGES[@]}" >/dev/null 2>&1 || fail "dpkg --purge of the leftovers"
    present && fail "the leftovers are still installed after dpkg --purge"
    rm -f "$MARK"
fi
present && fail "an examsite package is already installed here; remove it first (dpkg --purge ${PACKAGES[*]})"
for d in "${DATA_DIRS[@]}"; do
    [ -e "$d" ] && fail "$d exists already: this test would touch a real site's data"
done

KIOSK_PID=
MARKED=
cleanup() {
    set +e
    if [ -n "$KIOSK_PID" ]; then # the session, its cage and the kiosk, by their ids
        local cage kiosk
        cage=$(pgrep -P "$KIOSK_PID" -x cage)
        kiosk=${cage:+$(pgrep -P "$cage" -x examsite-kiosk)}
        kill -KILL $kiosk $cage "$KIOSK_PID" 2>/dev/null
        wait "$KIOSK_PID" 2>/dev/null
    fi
    if [ -n "$MARKED" ]; then # this run installed: purge, and the mark goes once nothing is left
        dpkg --purge "${PACKAGES[@]}" >/dev/null 2>&1 && ! present && rm -f "$MARK"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

log "Building the packages (CPack from $BUILD_DIR)"
rm -rf "$OUT"
cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$OUT" >"$WORK/cpack.log" 2>&1 || { cat "$WORK/cpack.log" >&2; fail "cpack"; }
mapfile -t DEBS < <(ls "$OUT"/*.deb)
[ ${#DEBS[@]} -eq 3 ] || fail "expected 3 packages in $OUT, got: ${DEBS[*]:-none}"
for d in "${DEBS[@]}"; do printf '    %s (%s)\n' "$(basename "$d")" "$(du -h "$d" | cut -f1)" >&2; done

log "lintian (errors fail; each warning is overridden with its reason in packaging/debian/*.lintian-overrides)"
lintian --fail-on error --tag-display-limit 0 "${DEBS[@]}" || fail "lintian reported errors"
log "hardening: no hardening-no-* tag, not even at info level (the flags of the top CMakeLists.txt)"
hardening=$(lintian -I --tag-display-limit 0 "${DEBS[@]}" 2>&1 | grep 'hardening-no-' || true)
[ -z "$hardening" ] || fail "lintian: $hardening"

log "dpkg -i"
echo "run $$ on $(hostname) at $(date -u +%FT%TZ)" >"$MARK"
MARKED=1
dpkg -i "${DEBS[@]}" >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dpkg -i"; }
for d in "${DATA_DIRS[@]}"; do
    [ -d "$d" ] || fail "dpkg -i created no $d"
    touch "$d/$TAG"
done
version=$(/usr/bin/examsite --version)
[ "$version" = "examsite $(dpkg-query -W -f='${Version}' examsite | sed 's/-[^-]*$//')" ] || fail "examsite --version says '$version'"
log "installed: $version"
# hardening-check (devscripts): PIE, stack protector, fortify, RELRO, immediate binding on every program.
# Not checked: control flow integrity (bookworm's glibc start files carry no CET note, so no binary
# linked on bookworm has one, /usr/bin/ls neither); stack clash says "unknown" (seen only in functions
# with big frames), which does not fail.
# /usr/bin/examsite: fortify not checked, it has no call to fortify (debian/examsite.lintian-overrides).
for b in /usr/bin/examsite-kiosk /usr/bin/examsite-intake /usr/libexec/examsite/examsite-photo-decode; do
    hardening-check --nocfprotection "$b" >"$WORK/hardening.log" 2>&1 || { cat "$WORK/hardening.log" >&2; fail "hardening-check $b"; }
done
hardening-check --nocfprotection --nofortify /usr/bin/examsite >"$WORK/hardening.log" 2>&1 ||
    { cat "$WORK/hardening.log" >&2; fail "hardening-check /usr/bin/examsite"; }
[ "$(stat -c '%U %a' /var/lib/examsite)" = "examsite 700" ] || fail "/var/lib/examsite is $(stat -c '%U %a' /var/lib/examsite), expected examsite 700"
getent passwd examsite >/dev/null || fail "no user examsite"
grep -qx /etc/examsite/examsite.conf /var/lib/dpkg/info/examsite.conffiles || fail "examsite.conf is not a conffile"
for m in examsite examsite-kiosk examsite-intake; do
    [ -f /usr/share/man/man1/$m.1.gz ] || fail "no man page $m(1)"
done

log "examsite init against /var/lib/examsite (the database named in /etc/examsite/examsite.conf)"
(cd / && runuser -u examsite -- /usr/bin/examsite init --site-code 11000001 --site-name 'Install test site') || fail "examsite init"
[ -f /var/lib/examsite/examsite.db ] || fail "examsite init wrote no /var/lib/examsite/examsite.db"

log "The installed programs find the face models without environment variables"
ffmpeg -loglevel error -f lavfi -i color=gray:s=160x160 -frames:v 1 "$WORK/grey.png"
# A grey picture has no face (exit 1 with the measurements); without the models it would be exit 2
# naming the missing model file.
rc=0
(cd / && env -u EXAMSITE_MODELS runuser -u examsite -- /usr/bin/examsite face inspect "$WORK/grey.png") >"$WORK/inspect.json" 2>&1 || rc=$?
{ [ "$rc" -le 1 ] && grep -q '"quality": "no_face"' "$WORK/inspect.json"; } ||
    { cat "$WORK/inspect.json" >&2; fail "examsite face inspect with the installed models (exit $rc)"; }

log "systemd-analyze verify and security"
for unit in /lib/systemd/system/examsite-*.service /lib/systemd/system/examsite-*.timer; do
    # verify exits 0 on an unknown key or a bad value (it only warns): any message fails.
    out=$(systemd-analyze verify --man=no "$unit" 2>&1) && [ -z "$out" ] || fail "systemd-analyze verify $unit: $out"
done
for unit in /lib/systemd/system/examsite-*.service; do
    score=$(systemd-analyze security --offline=true --no-pager "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: *//p')
    printf '    %s: exposure %s\n' "$(basename "$unit")" "${score:-unknown}" >&2
done

log "Staff accounts for the kiosk: a site administrator and a proctor"
EXAMSITE_NEW_PASSWORD=install-admin-1 runuser -u examsite -- /usr/bin/examsite staff add --username admin \
    --role site_admin --name 'Site Admin' >/dev/null || fail "staff add (first site administrator)"
EXAMSITE_PASSWORD=install-admin-1 EXAMSITE_NEW_PASSWORD=install-proctor-1 runuser -u examsite -- \
    /usr/bin/examsite staff add --username proctor --role proctor --name Proctor --as admin >/dev/null ||
    fail "staff add proctor"

log "The installed kiosk session (kiosk-session: cage + examsite-kiosk) on a headless output, as examsite"
runtime=$WORK/runtime
shots=$WORK/shots
install -d -o examsite -g examsite -m 0755 "$shots"
# start_session [KIOSK-OPTIONS...]: the unit's main process as the unit runs it (user examsite, its
# RuntimeDirectory, no environment from here); setpriv execs, so $! is kiosk-session itself.
start_session() {
    rm -rf "$runtime"
    install -d -o examsite -g examsite -m 0700 "$runtime"
    (cd /var/lib/examsite && exec setpriv --reuid examsite --regid examsite --init-groups env -i \
        PATH=/usr/bin:/bin HOME=/var/lib/examsite RUNTIME_DIRECTORY="$runtime" STATE_DIRECTORY=/var/lib/examsite \
        WLR_BACKENDS=headless \
        WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman QT_QPA_PLATFORM=wayland QT_WAYLAND_DISABLE_WINDOWDECORATION=1 \
        EXAMSITE_PASSWORD="${KIOSK_PASSWORD:-}" \
        /usr/libexec/examsite/kiosk-session --camera sim --no-face "$@") >"$WORK/kiosk.log" 2>&1 9>&- &
    KIOSK_PID=$!
    for _ in $(seq 1 100); do [ -S "$runtime/wayland-0" ] && break; sleep 0.2; done
    [ -S "$runtime/wayland-0" ] || { cat "$WORK/kiosk.log" >&2; fail "cage did not start"; }
}
# session_status SECONDS: waits for the session to end; STATUS is its exit status, or "running".
session_status() {
    STATUS=running
    for _ in $(seq 1 $(($1 * 5))); do
        if ! kill -0 "$KIOSK_PID" 2>/dev/null; then
            STATUS=0
            wait "$KIOSK_PID" || STATUS=$?
            KIOSK_PID=
            return
        fi
        sleep 0.2
    done
}
# The kiosk process (cage's child) of the running session.
kiosk_process() { pgrep -P "$(pgrep -P "$KIOSK_PID" -x cage)" -x examsite-kiosk; }
# cover FILE: waits (up to 60 s: the kiosk's QML loads) until the check-in screen covers the output.
cover() {
    for _ in $(seq 1 30); do
        sleep 2
        kill -0 "$KIOSK_PID" 2>/dev/null || { cat "$WORK/kiosk.log" >&2; fail "the kiosk session ended"; }
        runuser -u examsite -- env XDG_RUNTIME_DIR="$runtime" WAYLAND_DISPLAY=wayland-0 grim "$1" || fail "grim"
        python3 "$ROOT/packaging/check-cover.py" "$1" 2>"$WORK/cover.txt" && break
    done
    if [ -n "${EXAMSITE_SCREENSHOT_DIR:-}" ]; then cp "$1" "$EXAMSITE_SCREENSHOT_DIR"/; fi
    cat "$WORK/cover.txt" >&2
    python3 "$ROOT/packaging/check-cover.py" "$1" 2>/dev/null || fail "the check-in screen does not cover the output ($1)"
}

start_session
cover "$shots/kiosk.png"
# Its outbox (check-ins held while a site server is unreachable) in the unit's StateDirectory, the
# kiosk's own: one folder per terminal, 0700.
outbox=$(find /var/lib/examsite/outbox -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)
[ -n "$outbox" ] || fail "the kiosk made no outbox folder under /var/lib/examsite/outbox"
[ "$(stat -c '%U %a' "$outbox")" = "examsite 700" ] || fail "$outbox: $(stat -c '%U %a' "$outbox"), expected examsite 700"
# cage (0.1.4) binds no keys without -s: no VT switch (Ctrl+Alt+Fn), no close, no window switch, and
# wlroots knows no Ctrl+Alt+Backspace; the kiosk's own handling of Alt+F4, Ctrl+Q, Escape, Alt+Tab and
# close requests is tested in tests/qml/tst_KioskLock.qml (cage here has no virtual-keyboard protocol).
kill -KILL "$(kiosk_process)" || fail "no examsite-kiosk process under cage"
session_status 20
[ "$STATUS" = 1 ] || fail "a kiosk that died ended the session with '$STATUS', expected 1 (restarted by systemd)"

log "A proctor cannot leave the kiosk"
KIOSK_PASSWORD=install-proctor-1 start_session --login proctor --click leaveKioskButton,leaveKioskDialog/confirmStepButton
sleep 12
grep -q "not leaving: leaving the kiosk is for site_admin" "$WORK/kiosk.log" || { cat "$WORK/kiosk.log" >&2; fail "the proctor's leave was not refused"; }
session_status 1
[ "$STATUS" = running ] || fail "the session ended on a proctor's leave"
kill -TERM "$(kiosk_process)"
session_status 20

log "A site administrator leaves the kiosk: the session ends with 0 (not restarted)"
KIOSK_PASSWORD=install-admin-1 start_session --login admin --click leaveKioskButton,leaveKioskDialog/confirmStepButton
session_status 60
[ "$STATUS" = 0 ] || { cat "$WORK/kiosk.log" >&2; fail "the administrator's leave ended the session with '$STATUS', expected 0"; }
grep -q "left by admin" "$WORK/kiosk.log" || fail "the kiosk did not say who left it"

log "Upgrade N -> N+1 over a site an older version left: a copy first, then the migration; data intact"
# N+1: the examsite package renumbered (the same programs: a newer schema is what an upgrade brings,
# so the site is rolled back to schema 13 as version N left it). dpkg runs the new postinst with the
# old version, as apt does on an upgrade.
(cd / && runuser -u examsite -- python3 -) <<'PY' || fail "could not roll the site back to schema 13"
import sqlite3
c = sqlite3.connect('/var/lib/examsite/examsite.db')
c.executescript('ALTER TABLE site DROP COLUMN time_zone; DROP TABLE site_key_check; DROP INDEX event_score; ALTER TABLE terminal DROP COLUMN set_aside; DROP INDEX check_in_failure_attempt; ALTER TABLE check_in_failure DROP COLUMN attempt; DROP TABLE feed_lease; ALTER TABLE feed_alert_ack DROP COLUMN reason; PRAGMA user_version=13;')
c.close()
PY
current=$(dpkg-query -W -f='${Version}' examsite)
next="$current+upgradetest1"
rm -rf "$WORK/next" && mkdir -p "$WORK/next"
dpkg-deb -R "$OUT"/examsite_*.deb "$WORK/next/tree"
sed -i "s/^Version: .*/Version: $next/" "$WORK/next/tree/DEBIAN/control"
dpkg-deb --root-owner-group -b "$WORK/next/tree" "$WORK/next/examsite_next.deb" >/dev/null || fail "dpkg-deb -b (N+1)"
dpkg -i "$WORK/next/examsite_next.deb" >"$WORK/upgrade.log" 2>&1 || { cat "$WORK/upgrade.log" >&2; fail "upgrade to $next"; }
grep -q "migrated from schema 13 to [0-9][0-9]*" "$WORK/upgrade.log" || { cat "$WORK/upgrade.log" >&2; fail "the upgrade did not migrate the site"; }
[ "$(dpkg-query -W -f='${Version}' examsite)" = "$next" ] || fail "examsite is not at $next after the upgrade"
copy=$(ls /var/lib/examsite/pre-upgrade/examsite-schema13-*.db 2>/dev/null | head -1)
[ -n "$copy" ] || fail "no copy of the site in /var/lib/examsite/pre-upgrade"
[ "$(stat -c '%U %a' "$copy")" = "examsite 600" ] || fail "the pre-upgrade copy is $(stat -c '%U %a' "$copy"), expected examsite 600"
(cd / && runuser -u examsite -- /usr/bin/examsite ledger check) >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log" >&2; fail "ledger check after the upgrade"; }
after=$(cd / && runuser -u examsite -- /usr/bin/examsite --json staff list 2>/dev/null | grep -c '"username"' || true)
[ "$after" -ge 2 ] || fail "the staff accounts are not all there after the upgrade ($after)"

log "An upgrade whose migration fails: the site database unchanged, the configuration step failed with the reason"
(cd / && runuser -u examsite -- python3 -) <<'PY' || fail "could not roll the site back to schema 13"
import sqlite3
c = sqlite3.connect('/var/lib/examsite/examsite.db')
c.executescript('ALTER TABLE site DROP COLUMN time_zone; DROP TABLE site_key_check; DROP INDEX event_score; ALTER TABLE terminal DROP COLUMN set_aside; DROP INDEX check_in_failure_attempt; ALTER TABLE check_in_failure DROP COLUMN attempt; DROP TABLE feed_lease; ALTER TABLE feed_alert_ack DROP COLUMN reason; CREATE TABLE feed_lease (junk TEXT); PRAGMA user_version=13;')
c.close()
PY
sed -i "s/^Version: .*/Version: $current+upgradetest2/" "$WORK/next/tree/DEBIAN/control"
dpkg-deb --root-owner-group -b "$WORK/next/tree" "$WORK/next/examsite_next2.deb" >/dev/null || fail "dpkg-deb -b (N+2)"
if dpkg -i "$WORK/next/examsite_next2.deb" >"$WORK/upgrade2.log" 2>&1; then
    cat "$WORK/upgrade2.log" >&2; fail "an upgrade whose migration failed was configured"
fi
grep -q "the site database was not migrated" "$WORK/upgrade2.log" || { cat "$WORK/upgrade2.log" >&2; fail "the failed upgrade did not say why"; }
grep -q "the database is unchanged, at schema 13" "$WORK/upgrade2.log" || { cat "$WORK/upgrade2.log" >&2; fail "the failed upgrade did not say the database is unchanged"; }
(cd / && runuser -u examsite -- python3 -c "import sqlite3,sys; c=sqlite3.connect('/var/lib/examsite/examsite.db'); sys.exit(0 if c.execute('PRAGMA user_version').fetchone()[0]==13 else 1)") ||
    fail "the failed migration changed the database's schema version"
# Fixed (the obstacle gone), dpkg --configure -a finishes the upgrade.
(cd / && runuser -u examsite -- python3 -c "import sqlite3; c=sqlite3.connect('/var/lib/examsite/examsite.db'); c.execute('DROP TABLE feed_lease'); c.commit()")
dpkg --configure -a >"$WORK/upgrade3.log" 2>&1 || { cat "$WORK/upgrade3.log" >&2; fail "dpkg --configure -a after the fix"; }
grep -q "migrated from schema 13 to [0-9][0-9]*" "$WORK/upgrade3.log" || { cat "$WORK/upgrade3.log" >&2; fail "dpkg --configure -a did not migrate"; }

log "dpkg -r keeps the site's data; dpkg --purge deletes it"
dpkg -r examsite examsite-intake examsite-models >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dpkg -r"; }
[ -f /var/lib/examsite/examsite.db ] || fail "dpkg -r removed the site database"
[ ! -e /usr/bin/examsite ] || fail "dpkg -r left /usr/bin/examsite"
dpkg --purge examsite examsite-intake examsite-models >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dpkg --purge"; }
[ ! -e /var/lib/examsite ] || fail "dpkg --purge left /var/lib/examsite"
[ ! -e /etc/examsite/examsite.conf ] || fail "dpkg --purge left /etc/examsite/examsite.conf"
log "Package install test: OK"
