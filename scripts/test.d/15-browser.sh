#!/usr/bin/env bash
# The browser tests (tests/system/test_browser.py) need Debian's Chromium, Playwright for
# Python (from the [test] extras; installed here too if the venv predates it) and axe-core
# (npm, pinned by tests/system/browser/package-lock.json, into its git-ignored node_modules/).
# Idempotent: each step does nothing when its result is there. apt-get needs root (CI is root).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive

if [ ! -x /usr/lib/chromium/chromium ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "15-browser.sh: Chromium is missing; run this once as root: sudo bash $0" >&2
        exit 1
    fi
    # chromium only recommends chromium-sandbox, which --no-sandbox does without; DejaVu
    # makes text render the same on every machine.
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! .venv/bin/python -c "import playwright.sync_api" 2>/dev/null; then
    # Playwright must never fetch a browser of its own: the tests launch Debian's.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/python -m pip install --quiet "playwright>=1.40"
fi

BROWSER=tests/system/browser
if [ ! -f "$BROWSER/node_modules/axe-core/axe.min.js" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        if [ "$(id -u)" != 0 ]; then
            echo "15-browser.sh: npm is missing; run this once as root: sudo bash $0" >&2
            exit 1
        fi
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    fi
    npm ci --prefix "$BROWSER" --no-audit --no-fund --loglevel=error >/dev/null
fi
