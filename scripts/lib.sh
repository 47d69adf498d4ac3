# Shared by scripts/run, scripts/test and .ci/run: install what is missing,
# and start/stop a throwaway PostgreSQL server. Sourced, not executed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/grassroots-target}"
# Incremental caches pay off while editing, not in scripted builds, and they
# take as much disk as the build itself.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
TOOLS="${GRASSROOTS_TOOLS:-$HOME/.cache/grassroots-tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

# Bench figures: every bench script appends JSON lines here, and
# `scripts/bench` renders them into one table (scripts/bench_report.py).
export BENCH_OUT="${BENCH_OUT:-$ROOT/target/bench/results.jsonl}"

release_build() {
  # The release app (server and client), built once per `scripts/bench` run.
  [ -n "${BENCH_BUILT:-}" ] && return 0
  say "building the release app"
  cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
}

bench_wrk() {
  # bench_wrk SECTION NAME [KEY=VALUE…] < wrk --latency output: prints the
  # main figures and records them.
  local out; out="$(cat)"
  grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors' <<<"$out" || true
  python3 "$ROOT/scripts/bench_report.py" wrk "$@" <<<"$out"
}

bench_add() { python3 "$ROOT/scripts/bench_report.py" add "$@"; }

rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

apt_install() {
  # apt_install PACKAGE... — installs Debian packages (needs root, as on CI).
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ ! -f /tmp/.grassroots-apt-updated ]; then
    $sudo apt-get update -qq && touch /tmp/.grassroots-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_build_tools() {
  rustup target list --installed | grep -q wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  if ! cargo leptos --version 2>/dev/null | grep -q '0.3.10'; then
    say "installing cargo-leptos 0.3.10 (about 12 minutes, once)"
    cargo install cargo-leptos --version 0.3.10 --locked
  fi
  local wb; wb="$(wasm_bindgen_version)"
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb"; then
    say "installing wasm-bindgen-cli $wb"
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi
  if ! [ -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (binaryen 132 from npm)"
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent binaryen@132 >/dev/null)
  fi
}

ensure_test_tools() {
  command -v chromium >/dev/null || { say "installing Chromium"; apt_install chromium; }
  pg_bin_dir >/dev/null || { say "installing PostgreSQL"; apt_install postgresql; }
  (cd "$ROOT/end2end" && { [ -d node_modules/@playwright/test ] && [ -d node_modules/@axe-core/playwright ]; } \
    || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
}

pg_bin_dir() {
  local d
  for d in /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

PG_DIR=""
pg_start() {
  # Starts a throwaway PostgreSQL server; exports TEST_DATABASE_URL. Tests run
  # it without fsync; extra server options (`-c fsync=on`) override that.
  local bin; bin="$(pg_bin_dir)"
  id -u pgtest >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin pgtest
  PG_DIR="$(mktemp -d /tmp/grassroots-pg.XXXXXX)"
  chown pgtest "$PG_DIR"; chmod 700 "$PG_DIR"
  local port; port="$(free_port)"
  runuser -u pgtest -- "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
  runuser -u pgtest -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 $*" start >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  say "PostgreSQL running on port $port"
}

pg_stop() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    runuser -u pgtest -- "$(pg_bin_dir)/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null || true
    rm -rf "$PG_DIR"
  fi
}
