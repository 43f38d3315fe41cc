#!/usr/bin/env bash
# The dashboard test drives Debian's Chromium (playwright-core never downloads a browser here).
# `npm test` runs this first, so a fresh machine installs it from Debian's packages.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "The dashboard test needs Chromium: install Debian's 'chromium' package (apt-get install chromium)." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
echo "Installing Chromium from Debian's packages for the dashboard test…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
