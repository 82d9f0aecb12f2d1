# Shared by ./run and ./test: system packages, the virtual environment, the Python packages.
# Sourced, not run. Works on a fresh Debian or Ubuntu machine with Python 3.11 or newer.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ANNOTATOR_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

# Qt's runtime libraries for a desktop window (the xcb platform) and for off-screen rendering.
RUNTIME_PACKAGES=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libpulse0 fonts-dejavu-core)
# What the tests add: speech synthesis and audio tools to make their own recordings, a virtual screen.
TEST_PACKAGES=(espeak-ng sox libsox-fmt-mp3 xvfb xauth)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$pkg"
  done
}

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "Not a Debian/Ubuntu system: install the equivalents of: $*"; return 0; }
  local missing
  missing="$(missing_packages "$@")"
  [ -z "$missing" ] && return 0
  local apt=(apt-get)
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      apt=(sudo apt-get)
    else
      say "These system packages are missing; install them and run this again:"
      say "  sudo apt-get install -y $missing"
      return 1
    fi
  fi
  say "Installing system packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  # shellcheck disable=SC2086
  "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

check_python() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "Annotator needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1). Set PYTHON=python3.12 (or similar)."
    exit 1
  fi
  if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
    local version
    version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    install_system_packages "python${version}-venv"
  fi
}

# make_venv EXTRAS: create the environment and install Annotator with those extras, when
# pyproject.toml changed since the last time (a stamp file remembers).
make_venv() {
  local extras="$1" stamp="$VENV/.annotator-installed-$1"
  check_python
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the environment in $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    say "Installing Annotator and its packages ($extras)"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]"
    touch "$stamp"
  fi
}
