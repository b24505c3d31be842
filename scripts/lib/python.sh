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
  # The metrics tests read the exposition with Prometheus' own parser; mypy checks the types.
  "$VENV/bin/python" -c "import prometheus_client, mypy" 2>/dev/null ||
    "$VENV/bin/pip" install --quiet "prometheus_client>=0.20,<1" "mypy>=1.10,<2"
}
