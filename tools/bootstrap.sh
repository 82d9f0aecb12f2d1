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
  # Another apt (an update at login, a second terminal) may hold dpkg's lock: wait for it, as apt itself
  # does with Lock::Timeout (apt 1.9 and newer; older ones ignore the option).
  wait_for_dpkg_lock || return 1
  apt+=(-o "DPkg::Lock::Timeout=$DPKG_LOCK_WAIT_S")
  "${apt[@]}" update -qq
  # shellcheck disable=SC2086
  "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
}

DPKG_LOCK_WAIT_S="${DPKG_LOCK_WAIT_S:-300}"
DPKG_LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock)

# lock_held FILE: whether a process holds a lock on FILE. Read from /proc/locks, which needs no root and
# sees the fcntl locks dpkg and apt take (flock(1) does not); fuser (psmisc) where /proc/locks is missing.
lock_held() {
  [ -e "$1" ] || return 1
  if [ -r /proc/locks ]; then
    local inode dev major minor field lock_major lock_minor lock_inode
    local -a fields
    inode="$(stat -c %i "$1" 2>/dev/null)" && dev="$(stat -c %D "$1" 2>/dev/null)" || return 1
    dev=$((16#$dev))
    major=$(( ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff) ))
    minor=$(( (dev & 0xff) | ((dev >> 12) & ~0xff) ))
    while read -r -a fields; do
      for field in "${fields[@]}"; do
        [[ "$field" =~ ^([0-9a-f]+):([0-9a-f]+):([0-9]+)$ ]] || continue
        lock_major=$((16#${BASH_REMATCH[1]})) lock_minor=$((16#${BASH_REMATCH[2]})) lock_inode="${BASH_REMATCH[3]}"
        [ "$lock_inode" = "$inode" ] && [ "$lock_major" = "$major" ] && [ "$lock_minor" = "$minor" ] && return 0
      done
    done </proc/locks
    return 1
  fi
  command -v fuser >/dev/null 2>&1 && fuser "$1" >/dev/null 2>&1
}

dpkg_lock_held() {
  local lock
  for lock in "${DPKG_LOCKS[@]}"; do
    lock_held "$lock" && return 0
  done
  return 1
}

# wait_for_dpkg_lock: return when no other package manager holds dpkg's lock, or fail after
# DPKG_LOCK_WAIT_S seconds saying so.
wait_for_dpkg_lock() {
  local waited=0
  while dpkg_lock_held; do
    if [ "$waited" -eq 0 ]; then
      say "Waiting for another package manager to finish (dpkg lock)..."
    elif [ "$waited" -ge "$DPKG_LOCK_WAIT_S" ]; then
      say "Another package manager still holds the dpkg lock after ${DPKG_LOCK_WAIT_S}s; let it finish, then run this again"
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
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

# extras_set LIST...: comma- or space-separated extras as one sorted, comma-separated set ("dev,models").
extras_set() {
  printf '%s\n' "$*" | tr ', ' '\n\n' | sed '/^$/d' | sort -u | paste -sd, -
}

# extras_missing WANTED HAVE: the extras of WANTED that HAVE lacks (nothing: HAVE is a superset).
extras_missing() {
  comm -23 <(extras_set "$1" | tr ',' '\n') <(extras_set "$2" | tr ',' '\n') | paste -sd, -
}

# make_venv EXTRAS: create the environment and install Annotator with those extras, unless a stamp file
# says that they (or more: ./run after ./test) are installed and pyproject.toml has not changed since.
# What is installed anew is everything installed before plus EXTRAS, and the stamp records it.
make_venv() {
  local wanted stamp="$VENV/.annotator-installed" file extras recorded="" current="" stamped=0 all
  wanted="$(extras_set "$1")"
  check_python
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the environment in $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  # The stamp, and those of older versions of this script (one file per extras string).
  for file in "$stamp" "$VENV"/.annotator-installed-*; do
    [ -f "$file" ] || continue
    if [ "$file" = "$stamp" ]; then extras="$(cat "$file")"; else extras="${file##*/.annotator-installed-}"; fi
    recorded="$recorded,$extras"
    if [ ! "$ROOT/pyproject.toml" -nt "$file" ]; then
      current="$current,$extras"
      stamped=1
    fi
  done
  if [ "$stamped" -eq 1 ] && [ -z "$(extras_missing "$wanted" "$current")" ]; then
    return 0
  fi
  all="$(extras_set "$wanted,$recorded")"
  say "Installing Annotator and its packages (${all:-no extras})"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT${all:+[$all]}"
  printf '%s\n' "$all" >"$stamp"
  rm -f "$VENV"/.annotator-installed-*
}
