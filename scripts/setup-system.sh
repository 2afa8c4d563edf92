#!/usr/bin/env bash
# Brings up what `npm test` and `npm run demo` need from the machine, and says nothing when all is
# there: PostgreSQL running (when installed), Debian's bubblewrap and slirp4netns and an unprivileged
# user for the command sandbox, and chromium for the browser tests. As root it installs and starts
# what is missing; otherwise it stops with the commands to run. Every probe goes through PATH, so a
# test can put stubs in front of it.
#   usage: setup-system.sh test|demo
set -euo pipefail

purpose="${1:-test}"
sandbox_user="${RUNWAY_SANDBOX_USER:-runway-sandbox}"
packages=()
commands=()

have() { command -v "$1" >/dev/null 2>&1; }

postgres_down=""
if have pg_ctlcluster && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  read -r pg_version pg_cluster _ < <(pg_lsclusters --no-header)
  postgres_down="$pg_version $pg_cluster"
  commands+=("pg_ctlcluster --skip-systemctl-redirect $postgres_down start")
fi
have bwrap || packages+=(bubblewrap)
have slirp4netns || packages+=(slirp4netns)
if [ "$purpose" = test ] && ! have chromium; then packages+=(chromium); fi
user_missing=""
getent passwd "$sandbox_user" >/dev/null || user_missing=yes

# Order matters for the message: packages first, then the user, then PostgreSQL.
install=()
if [ ${#packages[@]} -gt 0 ]; then
  install+=("apt-get update" "DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages[*]}")
fi
[ -n "$user_missing" ] && install+=("useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin $sandbox_user")
install+=("${commands[@]+"${commands[@]}"}")
[ ${#install[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  {
    echo "setup: this machine lacks what \`npm $purpose\` needs; run these as root, then try again:"
    for c in "${install[@]}"; do echo "  sudo $c"; done
  } >&2
  exit 1
fi

if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing ${packages[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if [ -n "$user_missing" ]; then
  echo "setup: creating the sandbox user $sandbox_user"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$sandbox_user"
fi
if [ -n "$postgres_down" ]; then
  echo "setup: starting PostgreSQL $postgres_down"
  # shellcheck disable=SC2086 # version and cluster are two words on purpose
  pg_ctlcluster --skip-systemctl-redirect $postgres_down start
  for _ in {1..30}; do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
