# Sourced by scripts: python_venv makes (once) the venv in target/venv with the build and
# test tools, and sets VENV.
python_venv() {
  VENV="$PWD/target/venv"
  if [ ! -x "$VENV/bin/maturin" ] || [ ! -x "$VENV/bin/pytest" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "maturin>=1.9,<2" "pytest>=8"
  fi
}
