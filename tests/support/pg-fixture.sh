#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the catalog tests, on a free loopback port.
#   pg-fixture.sh start STATE_DIR   → cluster running; STATE_DIR/port holds its port
#   pg-fixture.sh stop STATE_DIR    → cluster stopped and removed
# PostgreSQL refuses to run as root: as root the cluster runs as the "postgres" user.
set -euo pipefail
cmd=${1:?start or stop}; state=${2:?state folder}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (install the Debian package postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
start)
  "$0" stop "$state" >/dev/null 2>&1 || true
  mkdir -p "$state"
  cluster=$(mktemp -d "${TMPDIR:-/tmp}/keepsake-pg.XXXXXX")
  [ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
  echo "$cluster" > "$state/cluster"
  as_owner "$bindir/initdb" -D "$cluster/db" -A trust -U keepsake -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bindir/pg_ctl" -D "$cluster/db" -w -t 60 -l "$cluster/log" \
         -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
      echo "$port" > "$state/port"
      echo "PostgreSQL test cluster on 127.0.0.1:$port"
      exit 0
    fi
  done
  cat "$cluster/log" >&2; exit 1
  ;;
stop)
  [ -f "$state/cluster" ] || exit 0
  cluster=$(cat "$state/cluster")
  as_owner "$bindir/pg_ctl" -D "$cluster/db" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster" "$state/cluster" "$state/port"
  ;;
*) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
