# Debian's redis-server, installed when missing (as root, with apt-get): the shared store's
# tests run against a real Redis, which each test starts on a free loopback port and stops.
ensure_redis_server() {
  command -v redis-server >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    # The package starts a system-wide server; the tests start their own.
    if command -v systemctl >/dev/null; then systemctl stop redis-server 2>/dev/null || true; fi
  fi
  command -v redis-server >/dev/null || { echo "redis-server is needed (apt-get install redis-server)"; return 1; }
}

# Starts redis-server on a free loopback port (sets REDIS_URL); stopped with the emulators
# when the calling script exits (source scripts/lib/emulator.sh first).
start_redis() {
  ensure_redis_server
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
  EMULATOR_PIDS+=($!)
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  REDIS_URL=redis://127.0.0.1:$port
}
