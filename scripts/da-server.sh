#!/usr/bin/env bash
# A real docassemble server (docassemble.webapp 1.10.5 under gunicorn) with the
# docassemble.pamats wheel installed, for the e2e tests and for users who want the web
# interviews on their own machine. Everything lives under .da/ (gitignored):
#   .da/venv      docassemble.webapp + gunicorn (its own pins; pamats resolved against them)
#   .da/nltk_data offline NLTK stub          .da/home  HOME (LibreOffice profile + macro)
#   .da/config    config.yml                 .da/files uploads + assembled documents
#   .da/log       gunicorn/flask logs        .da/run   PID files
#   .da/env       DA_BASE_URL / DA_API_KEY for the e2e tests and the benchmark
# Uses the machine's PostgreSQL 127.0.0.1:5432 (role "docassemble" + database $DA_DB_NAME,
# created if absent) and Redis 127.0.0.1:6379 database $DA_REDIS_DB (Celery broker $DA_BROKER_DB).
# Usage: bash scripts/da-server.sh start [debug|production] | stop | status | restart [debug|production]
#   debug (the default; the tests use it): debug: True, docassemble's "</>" source button shown.
#   production (for people using the interviews): debug off, no source button, a "Sākt no
#   jauna / Start again" link, sign-up open so answers are saved for signed-in users, no
#   docassemble demo interviews.
# Env: DA_PORT (8088), DA_DB_NAME (docassemble), DA_REDIS_DB (4), DA_BROKER_DB (7): a second
#      server for another checkout needs its own port, database and Redis numbers; DA_ADMIN_API_KEY (32 chars; generated once if unset), DA_CELERY=1
#      (also start a Celery worker; the pamats interviews need none), PYTHON (python3).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
R=$REPO/.da
PORT=${DA_PORT:-8088}
URL=http://127.0.0.1:$PORT
DA_VERSION=1.10.5
PY=${PYTHON:-python3}
DB_NAME=${DA_DB_NAME:-docassemble}
REDIS_DB=${DA_REDIS_DB:-4}
BROKER_DB=${DA_BROKER_DB:-7}
REGISTRY=postgresql+psycopg2://docassemble:pamats-da@127.0.0.1:5432/${DB_NAME}_registry
t0=$SECONDS
say() { echo "[da-server $(date +%T) +$((SECONDS - t0))s] $*"; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
health() { curl -s -o /dev/null -w "%{http_code}" "$URL/health_check" 2>/dev/null || true; }

api_key() {
  if [ -n "${DA_ADMIN_API_KEY:-}" ]; then
    [ ${#DA_ADMIN_API_KEY} = 32 ] || { echo "DA_ADMIN_API_KEY must be exactly 32 characters (docassemble ignores other lengths)" >&2; exit 2; }
    echo "$DA_ADMIN_API_KEY"
  else
    [ -s "$R/api-key" ] || { "$PY" -c 'import secrets,string;a=string.ascii_letters+string.digits;print("".join(secrets.choice(a) for _ in range(32)))' > "$R/api-key.tmp" && mv "$R/api-key.tmp" "$R/api-key"; }
    cat "$R/api-key"
  fi
}

ensure_venv() {
  if [ -x "$R/venv/bin/gunicorn" ] && [ -s "$R/webapp-pins.txt" ]; then
    say "server venv reused ($R/venv)"
    return
  fi
  say "creating server venv: docassemble.webapp==$DA_VERSION + gunicorn (a few minutes, once)"
  rm -rf "$R/venv.tmp"
  "$PY" -m venv "$R/venv.tmp"
  "$R/venv.tmp/bin/pip" install -q -U pip
  "$R/venv.tmp/bin/pip" install -q "docassemble.webapp==$DA_VERSION" gunicorn
  rm -rf "$R/venv" && mv "$R/venv.tmp" "$R/venv"
  # venvs are not relocatable: re-point the scripts' shebangs after the rename
  grep -rl "$R/venv.tmp" "$R/venv/bin" | xargs -r sed -i "s#$R/venv.tmp#$R/venv#g"
  # docassemble's exact pins: pamats must install without changing any of them
  "$R/venv/bin/pip" freeze --exclude-editable | grep -vi '^docassemble.pamats' > "$R/webapp-pins.txt"
  say "server venv ready ($(du -sh "$R/venv" | cut -f1))"
}

ensure_data_links() {
  # data/questions -> interviews/ and data/templates -> templates/ (committed once the folders
  # exist; recreated here when a checkout has the folder but not the link)
  local d="$REPO/src/docassemble/pamats/data"
  mkdir -p "$d"
  [ -d "$REPO/interviews" ] && [ ! -e "$d/questions" ] && ln -sfn ../../../../interviews "$d/questions"
  [ -d "$REPO/templates" ] && [ ! -e "$d/templates" ] && ln -sfn ../../../../templates "$d/templates"
  return 0
}

install_pamats() {
  ensure_data_links
  say "building the docassemble.pamats wheel and installing it (non-editable)"
  rm -rf "$R/wheels" && mkdir -p "$R/wheels"
  "$R/venv/bin/pip" wheel -q --no-deps -w "$R/wheels" "$REPO" >"$R/log/wheel.log" 2>&1 \
    || { cat "$R/log/wheel.log"; exit 1; }
  local whl; whl=$(ls "$R/wheels"/docassemble_pamats-*.whl)
  "$R/venv/bin/pip" uninstall -q -y docassemble.pamats >/dev/null 2>&1 || true
  # -c webapp-pins.txt: fails if pamats would need a version docassemble does not pin
  "$R/venv/bin/pip" install -q -c "$R/webapp-pins.txt" "$whl"
  "$R/venv/bin/pip" check >/dev/null || { "$R/venv/bin/pip" check; exit 1; }
  say "installed $(basename "$whl")"
}

ensure_db() {
  local q="psql -q -h 127.0.0.1 -p 5432 -U postgres -tA"
  if [ "$($q -c "select 1 from pg_roles where rolname='docassemble'")" != 1 ]; then
    $q -c "create role docassemble login password 'pamats-da' createdb"
  fi
  if [ "$($q -c "select 1 from pg_database where datname='$DB_NAME'")" != 1 ]; then
    $q -c "create database $DB_NAME owner docassemble encoding 'UTF8' template template0"
  fi
  # the pamats registry (negotiation workspace) in its own database beside docassemble's
  if [ "$($q -c "select 1 from pg_database where datname='${DB_NAME}_registry'")" != 1 ]; then
    $q -c "create database ${DB_NAME}_registry owner docassemble encoding 'UTF8' template template0"
  fi
}

write_config() {
  local debug=True registration=False demo=True
  if [ "$MODE" = production ]; then debug=False registration=True demo=False; fi
  [ -s "$R/secretkey" ] || "$PY" -c 'import secrets;print(secrets.token_hex(16))' > "$R/secretkey"
  mkdir -p "$R"/{config,files,log,certs,webapp,home,run}
  cat > "$R/config/config.yml.tmp" <<EOF
# Generated by scripts/da-server.sh ($MODE mode); edits are overwritten on the next start.
debug: $debug
secretkey: $(cat "$R/secretkey")
db:
  prefix: postgresql+psycopg2://
  name: $DB_NAME
  user: docassemble
  password: pamats-da
  host: 127.0.0.1
  port: 5432
redis: redis://127.0.0.1:6379/$REDIS_DB
rabbitmq: redis://127.0.0.1:6379/$BROKER_DB
url root: $URL
root: /
external hostname: 127.0.0.1
use https: False
allow demo: $demo
default interview: docassemble.pamats:data/questions/agreement.yml
language: lv
locale: en_US.utf8
timezone: Europe/Riga
enable playground: False
allow registration: $registration
resume interview after login: True
mail:
  default sender: '"pamats" <no-reply@example.com>'
uploads: $R/files
packages: $R/venv
modules: $R/venv
log: $R/log
flask log: $R/log/flask.log
celery flask log: $R/log/celery-flask.log
webapp: $R/webapp/docassemble.wsgi
ready file: $R/webapp/ready
version file: $R/webapp/VERSION
certs: $R/certs
cert install directory: $R/certs/installed
web server certificate directory: $R/certs/www
libreoffice macro file: $R/home/.config/libreoffice/4/user/basic/Standard/Module1.xba
pypirc path: $R/webapp/.pypirc
nltk socket: $R/run/no-nltk-daemon.sock
$UNOCONV_CONFIG
words:
  - docassemble.base:data/sources/us-words.yml
  - docassemble.pamats:data/sources/lv-da-words.yml
# page furniture fixes (dates in dd.mm.gggg, accessibility, the way back from the sign-in page)
global javascript:
  - docassemble.pamats:data/static/pamats.js
global css:
  - docassemble.pamats:data/static/pamats.css
login page pre:
  lv: '<p class="pamats-back"><a class="pamats-back-link" href="/interview">Atpakaļ uz interviju</a></p>'
  en: '<p class="pamats-back"><a class="pamats-back-link" href="/interview">Back to the interview</a></p>'
pamats:
  registry: $REGISTRY
EOF
  if [ "$MODE" = production ]; then
    cat >> "$R/config/config.yml.tmp" <<'EOF'
main page navigation bar html:
  lv: '<li class="nav-item"><a class="nav-link pamats-restart" href="/restart_session">Sākt no jauna</a></li>'
  en: '<li class="nav-item"><a class="nav-link pamats-restart" href="/restart_session">Start again</a></li>'
EOF
  fi
  mv "$R/config/config.yml.tmp" "$R/config/config.yml"
  echo "$DA_VERSION" > "$R/webapp/VERSION"; touch "$R/webapp/docassemble.wsgi"
}

# DOCX -> PDF through one running LibreOffice (unoserver; scripts/unoserver.sh) on port
# DA_UNOSERVER_PORT (DA_PORT + 1000), handed to docassemble as its `unoconvert`; without it
# (DA_UNOSERVER=0, or it failed to start) docassemble starts LibreOffice per document.
UNOCONV_CONFIG=""
start_unoserver() {
  [ "${DA_UNOSERVER:-1}" = 1 ] || return 0
  local port=${DA_UNOSERVER_PORT:-$((PORT + 1000))} bin
  if bash scripts/unoserver.sh start "$port" "$R/unoserver" && bin=$(bash scripts/unoserver.sh venv); then
    mkdir -p "$R/bin"
    printf '#!/bin/sh\nexec "%s/unoconvert" --host 127.0.0.1 --port %s "$@"\n' "$bin" "$port" > "$R/bin/unoconvert"
    chmod +x "$R/bin/unoconvert"
    UNOCONV_CONFIG=$(printf 'enable unoconv: True\nunoconvert path: %s' "$R/bin/unoconvert")
    say "unoserver on 127.0.0.1:$port"
  else
    say "warning: unoserver did not start: docassemble will start LibreOffice per PDF"
  fi
}

server_env() {
  export DA_CONFIG_FILE=$R/config/config.yml NLTK_DATA=$R/nltk_data HOME=$R/home
  export DA_ADMIN_EMAIL=admin@example.com DA_ADMIN_PASSWORD=pamats-admin-pw DA_ADMIN_API_KEY=$KEY
  export C_FORCE_ROOT=1 LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8
}

api_key_works() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -G "$URL/api/user" --data-urlencode "key=$KEY")" = 200 ]
}

stop_server() {
  local any=0
  for name in gunicorn celery; do
    local pidf="$R/run/$name.pid"
    if alive "$pidf"; then
      local pid; pid=$(cat "$pidf")
      kill "$pid"; any=1
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "stopped $name (pid $pid)"
    fi
    rm -f "$pidf"
  done
  bash scripts/unoserver.sh stop "$R/unoserver"
  [ $any = 1 ] || say "not running"
}

port_up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure_services() {
  # PostgreSQL and Redis are the machine's; start them if they are installed but down.
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  if ! port_up 5432 && command -v pg_ctlcluster >/dev/null; then
    $sudo pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  fi
  if ! port_up 6379 && command -v redis-server >/dev/null; then
    $sudo redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  fi
  for _ in $(seq 1 30); do port_up 5432 && port_up 6379 && return; sleep 1; done
  port_up 5432 || { echo "PostgreSQL is not listening on 127.0.0.1:5432 (install: apt-get install postgresql)" >&2; exit 1; }
  port_up 6379 || { echo "Redis is not listening on 127.0.0.1:6379 (install: apt-get install redis-server)" >&2; exit 1; }
}

start_server() {
  mkdir -p "$R/log" "$R/run"
  ensure_services
  KEY=$(api_key)
  command -v soffice >/dev/null && command -v pandoc >/dev/null \
    || say "warning: soffice or pandoc missing: PDF output will fail (bash scripts/system-deps.sh)"
  ensure_venv
  [ -f "$R/nltk_data/corpora/wordnet.zip" ] || "$PY" scripts/make_nltk_stub.py "$R/nltk_data" >/dev/null
  stop_server >/dev/null
  install_pamats
  ensure_db
  start_unoserver
  write_config
  server_env
  if [ ! -f "$R/run/tables-done" ] || ! redis-cli -n $REDIS_DB --scan --pattern 'da:api*' | grep -q .; then
    say "creating tables, admin user and API key"
    (cd "$R" && "$R/venv/bin/python" -m docassemble.webapp.create_tables > "$R/log/create_tables.log" 2>&1) \
      || { tail -20 "$R/log/create_tables.log"; exit 1; }
    touch "$R/run/tables-done"
  fi
  if port_up "$PORT"; then
    echo "port $PORT is in use by another program; choose another with DA_PORT=<port>" >&2; exit 1
  fi
  say "starting gunicorn on $URL"
  # Never put file paths on gunicorn's argv: docassemble reads any existing file there as its config.
  # Detached: exec, all three standard streams redirected, so no caller's pipe is held open.
  (cd "$R" && GUNICORN_CMD_ARGS="--pid $R/run/gunicorn.pid --bind 127.0.0.1:$PORT --workers 1 --threads 4 --timeout 300 --error-logfile $R/log/gunicorn.log" \
    exec nohup "$R/venv/bin/gunicorn" docassemble.webapp.server:app) < /dev/null > "$R/log/gunicorn.out" 2>&1 &
  if [ "${DA_CELERY:-0}" = 1 ]; then
    (cd "$R" && exec nohup "$R/venv/bin/celery" -A docassemble.webapp.worker worker --loglevel=INFO --concurrency=1 \
      --pidfile="$R/run/celery.pid") < /dev/null > "$R/log/celery.log" 2>&1 &
  fi
  local code=000
  for _ in $(seq 1 240); do code=$(health); [ "$code" = 200 ] && break; sleep 0.5; done
  if [ "$code" != 200 ]; then
    say "health_check failed ($code); last log lines:"; tail -30 "$R/log/gunicorn.log" "$R/log/gunicorn.out" 2>/dev/null; exit 1
  fi
  if ! api_key_works; then
    # docassemble keeps one API key named "default" per user, in Redis; a server from another
    # checkout sharing this PostgreSQL/Redis may have registered its own: replace it with ours.
    say "API key not accepted; replacing the admin's default API key and re-running create_tables"
    for k in $(redis-cli -n $REDIS_DB --scan --pattern 'da:apikey:userid:*:key:*:info'); do
      redis-cli -n $REDIS_DB get "$k" | grep -q '"name": "default"' && redis-cli -n $REDIS_DB del "$k" >/dev/null
    done
    (cd "$R" && "$R/venv/bin/python" -m docassemble.webapp.create_tables >> "$R/log/create_tables.log" 2>&1)
    api_key_works || { say "API key still rejected"; exit 1; }
  fi
  printf 'export DA_BASE_URL=%s\nexport DA_API_KEY=%s\nexport DA_MODE=%s\nexport DA_REGISTRY=%s\n' "$URL" "$KEY" "$MODE" "$REGISTRY" > "$R/env.tmp" && mv "$R/env.tmp" "$R/env"
  say "ready ($MODE mode): $URL/interview?i=docassemble.pamats:data/questions/agreement.yml"
  say "API key in $R/env; logs in $R/log; total $((SECONDS - t0))s"
}

MODE=${2:-debug}
case "$MODE" in debug|production) ;; *) echo "mode must be debug or production, not '$MODE'" >&2; exit 2 ;; esac
case "${1:-}" in
  start) start_server ;;
  stop) stop_server ;;
  restart) stop_server; start_server ;;
  status)
    if alive "$R/run/gunicorn.pid"; then
      echo "running: pid $(cat "$R/run/gunicorn.pid"), $URL, health_check $(health)"
    else
      echo "not running"; exit 3
    fi ;;
  *) echo "usage: bash scripts/da-server.sh start [debug|production] | stop | status | restart [debug|production]" >&2; exit 2 ;;
esac
