#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: initdb + pg_ctl in a folder, listening
# only on a Unix socket in that folder, run as an unprivileged user (the server refuses root: as root
# it runs as 'nobody').
#
#   pgcluster.sh start DIR [SETTING=VALUE...]   prints the libpq connection string of the cluster
#   pgcluster.sh stop DIR                       stops it and removes DIR
#
# Settings are server settings for this cluster only (the tests pass fsync=off; the benchmark keeps
# the server's durable defaults).
set -euo pipefail
cmd=${1:?usage: pgcluster.sh start|stop DIR}
dir=${2:?usage: pgcluster.sh start|stop DIR}
shift 2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bin/initdb" ] || { echo "pgcluster.sh: PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case $cmd in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_server "$bin/initdb" -D "$dir/data" -U examsite --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
            { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    opts="-c listen_addresses='' -c unix_socket_directories='$dir' -c port=5432 -c max_connections=200"
    for s in "$@"; do opts+=" -c $s"; done
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null ||
        { cat "$dir/server.log" >&2; exit 1; }
    echo "host=$dir port=5432 user=examsite dbname=postgres"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "pgcluster.sh: unknown command $cmd" >&2; exit 2 ;;
esac
