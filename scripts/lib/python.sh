# Sourced by scripts: python_venv makes (once) the venv in the cargo target directory with
# the build and test tools, and sets VENV.
source "$(dirname "${BASH_SOURCE[0]}")/cargo.sh"

python_venv() {
  VENV="$TARGET_DIR/venv"
  if [ ! -x "$VENV/bin/maturin" ] || [ ! -x "$VENV/bin/pytest" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "maturin>=1.9,<2" "pytest>=8"
  fi
  # The metrics tests read the exposition with Prometheus' own parser; mypy checks the types,
  # the web examples' browser checks included (so it needs what they import).
  "$VENV/bin/python" -c "import prometheus_client, mypy, flask, fastapi, uvicorn, selenium" 2>/dev/null ||
    "$VENV/bin/pip" install --quiet "prometheus_client>=0.20,<1" "mypy>=1.10,<2" \
      "flask>=3,<4" "fastapi>=0.110,<1" "uvicorn>=0.29,<1" "selenium>=4.20,<5"
}
