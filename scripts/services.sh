#!/usr/bin/env bash
# Starts PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) if they are down, with the
# commands this machine kind documents; installs them from Debian if absent.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
if ! command -v pg_ctlcluster >/dev/null; then
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql
fi
if ! command -v redis-server >/dev/null; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q redis-server
fi
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }
if ! pg_up; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi
if ! redis_up; then
  mkdir -p /var/lib/redis /var/log/redis
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
for i in $(seq 1 30); do pg_up && redis_up && break; sleep 1; done
pg_up || { echo "PostgreSQL did not start on 127.0.0.1:5432"; exit 1; }
redis_up || { echo "Redis did not start on 127.0.0.1:6379"; exit 1; }
echo "[services] PostgreSQL and Redis up"
