#!/usr/bin/env bash
# Installs PostgreSQL's server programs (initdb, pg_ctl) that tests/cluster start on a loopback port.
# Debian keeps them in /usr/lib/postgresql/<version>/bin, off PATH; pipelines.cluster looks there.
# Idempotent, and fails soft: when nothing can be installed the script exits 0 and those tests skip.
set -u

have_pg() { command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; }

if have_pg; then
    echo "install-postgres: pg_ctl is already present"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres: no apt-get here; the cluster tests that need PostgreSQL will skip"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-postgres: not root and no password-less sudo; the cluster tests that need PostgreSQL will skip"
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "install-postgres: apt-get update failed; the cluster tests that need PostgreSQL will skip"
    exit 0
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null; then
    echo "install-postgres: apt-get install failed; the cluster tests that need PostgreSQL will skip"
    exit 0
fi
echo "install-postgres: $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
exit 0
