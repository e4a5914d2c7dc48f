#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the end-to-end tests (playwright-core drives
# /usr/bin/chromium; browser downloads do not work here). Installs it with apt when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium ontbreekt: installeren met apt-get (Debian-pakket 'chromium')..." >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
