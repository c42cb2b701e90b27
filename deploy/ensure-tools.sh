#!/usr/bin/env bash
# Make sure the command-line tools the tests use are installed, from the system's packages
# when we may (as root, or with sudo that needs no password); otherwise say what to run.
# Usage: deploy/ensure-tools.sh poppler-utils nodejs npm
#   poppler-utils: pdftoppm and pdftotext, which show that a report's PDF opens and renders
#   nodejs, npm: the OpenID Connect provider the single sign-on tests start (tests/oidc_provider)
#   chromium: the headless browser the web interface's end-to-end tests drive (tests/ui)
set -uo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi; }

# the command that shows a package is installed
probe() {
  case "$1" in
    poppler-utils) echo pdftoppm ;;
    nodejs) echo node ;;
    npm) echo npm ;;
    chromium) echo chromium ;;
    *) return 1 ;;
  esac
}

ensure() { # package
  local command
  command=$(probe "$1") || { echo "unknown: $1" >&2; return 2; }
  command -v "$command" >/dev/null && return 0
  if command -v apt-get >/dev/null && as_root true; then
    echo "$command is missing: installing $1 from the system's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null \
      || { as_root apt-get update >/dev/null \
           && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$1" >/dev/null; } \
      || { echo "error: could not install $1; run: sudo apt-get install -y $1" >&2; return 1; }
    command -v "$command" >/dev/null
  else
    echo "error: $command is not installed. Install it with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends $1" >&2
    return 1
  fi
}

status=0
for package in "$@"; do
  ensure "$package" || status=1
done
exit $status
