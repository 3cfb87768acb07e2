#!/bin/sh
# Runs a test in a network namespace of its own, with only a loopback interface, where it may add packet
# filters (iptables) without touching the machine's: tst_siteserver_cutcable drops a connection's packets
# as a cut LAN cable would. The namespace, and every rule in it, ends with the test.
#
#   netns.sh COMMAND [ARG...]
#
# Exits 77 (CTest: skipped) where no namespace can be made (not root, or a container that forbids it).
set -eu
if ! unshare -n true 2>/dev/null; then
    echo "netns.sh: cannot make a network namespace here (needs root): skipped" >&2
    exit 77
fi
command -v iptables >/dev/null || { echo "netns.sh: iptables is missing (apt install iptables)" >&2; exit 1; }
export EXAMSITE_TEST_NETNS=1
exec unshare -n -- sh -c 'ip link set lo up && exec "$@"' netns "$@"
