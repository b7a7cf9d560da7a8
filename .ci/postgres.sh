#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback (if it is not running) with a role that may create
# databases, for the test suite. Prints the URL to export as LA4AI_TEST_POSTGRES_URL on stdout
# and nothing else: everything the tools print goes to stderr.
set -euo pipefail
exec 3>&1 1>&2
cd /  # `su postgres` cannot enter a private working directory
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  if ! pg_lsclusters -h | grep -q .; then
    pg_createcluster "$version" main >/dev/null 3>&-
  fi
  # The server is a daemon: it must not inherit fd 3, or `$(.ci/postgres.sh)` never sees EOF.
  pg_ctlcluster "$version" main start 3>&-
fi
port=$(pg_lsclusters -h | awk '$4 == "online" {print $3; exit}')
su postgres -c "psql -qtAX -p $port -c \"SELECT 1 FROM pg_roles WHERE rolname='la4ai_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -p $port -c \"CREATE ROLE la4ai_test LOGIN CREATEDB PASSWORD 'la4ai_test'\""
# Tests drop their databases WITH (FORCE), which must be able to end an autovacuum worker.
su postgres -c "psql -q -p $port -c \"GRANT pg_signal_backend TO la4ai_test\"" >/dev/null
su postgres -c "psql -qtAX -p $port -c \"SELECT 1 FROM pg_database WHERE datname='la4ai_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O la4ai_test la4ai_test"
echo "postgresql+psycopg://la4ai_test:la4ai_test@127.0.0.1:$port/la4ai_test" >&3
