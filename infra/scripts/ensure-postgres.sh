#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs on this machine for the database tests, and prints its URL.
#   Installs Debian's `postgresql` if missing, starts (or creates) the Debian cluster "main" of the
#   newest installed version (no systemd here: pg_ctlcluster starts it directly), waits until it
#   accepts connections on 127.0.0.1, and creates the role and database `codeyard_test` (the role may
#   create databases: each test file works in its own throwaway database). Idempotent.
#
#   export CODEYARD_TEST_POSTGRES_URL="$(bash infra/scripts/ensure-postgres.sh)"
#   (every daemon it starts gets 3>&-, so that $(...) does not wait for the server to exit)
#
# Only the URL goes to stdout (fd 3 below). The port is the cluster's (5432 for a fresh install), so the URL
# matches CODEYARD_TEST_POSTGRES_URL's default in @codeyard/env.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# Whatever the tools below print (apt, pg_ctlcluster, psql) goes to stderr; fd 3 carries the URL.
exec 3>&1 1>&2

ROLE=codeyard_test
PASSWORD=codeyard_test
CLUSTER=main

url_for() { echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$1/$ROLE" >&3; }

# Fast path (also works without root): the server is up and the role can log in.
port_of_cluster() { pg_lsclusters -h 2>/dev/null | awk -v c="$CLUSTER" '$2 == c { print $3 }' | sort -n | head -1; }
if command -v pg_lsclusters >/dev/null && command -v psql >/dev/null; then
  port=$(port_of_cluster)
  if [ -n "$port" ] && PGPASSWORD=$PASSWORD PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$port" -U "$ROLE" -d "$ROLE" -tAc 'select 1' >/dev/null 2>&1; then
    url_for "$port"
    exit 0
  fi
fi

apt_install postgresql 3>&- # its postinst may start the server
need_root
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
[ -n "$version" ] || die "no PostgreSQL server found under /usr/lib/postgresql after installing the postgresql package"

if ! pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c' | grep -q .; then
  log "creating PostgreSQL $version cluster $CLUSTER"
  pg_createcluster "$version" "$CLUSTER" >/dev/null
fi
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c { print $3 }')
status=$(pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')
if [ "$status" != online ]; then
  log "starting PostgreSQL $version cluster $CLUSTER on port $port"
  # 3>&-: the server must not inherit the pipe that carries the URL, or the caller's $(...)
  # waits for it to exit, i.e. forever.
  pg_ctlcluster "$version" "$CLUSTER" start 3>&- </dev/null \
    || die "PostgreSQL did not start; see /var/log/postgresql/postgresql-$version-$CLUSTER.log"
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" \
  || die "PostgreSQL is not accepting connections on 127.0.0.1:$port; see /var/log/postgresql/postgresql-$version-$CLUSTER.log"

as_postgres() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"); }
if [ "$(as_postgres -tAc "select 1 from pg_roles where rolname = '$ROLE'")" != 1 ]; then
  log "creating PostgreSQL role $ROLE"
  as_postgres -c "create role $ROLE login createdb password '$PASSWORD'"
else
  as_postgres -c "alter role $ROLE login createdb password '$PASSWORD'"
fi
if [ "$(as_postgres -tAc "select 1 from pg_database where datname = '$ROLE'")" != 1 ]; then
  log "creating PostgreSQL database $ROLE"
  as_postgres -c "create database $ROLE owner $ROLE"
fi
PGPASSWORD=$PASSWORD psql -X -h 127.0.0.1 -p "$port" -U "$ROLE" -d "$ROLE" -tAc 'select 1' >/dev/null \
  || die "cannot log in to PostgreSQL as $ROLE on 127.0.0.1:$port (check pg_hba.conf of cluster $version/$CLUSTER)"
url_for "$port"
