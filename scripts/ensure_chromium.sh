#!/bin/sh
# Make sure a Chromium is available for browser tests and Plotly image export.
# As root with none found, install Debian's package; otherwise say what to install.
for c in "${BROWSER_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
  echo "installing chromium failed" >&2
  exit 1
fi
echo "Chromium not found. Install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
echo "or set BROWSER_PATH to a Chromium/Chrome binary; browser tests will be skipped." >&2
exit 0
