#!/usr/bin/env bash
# Installs what the browser test (tests/browser/) needs: Debian's chromium, its
# matching chromedriver, and a font with Arabic glyphs so screenshots show real
# text instead of boxes. Idempotent, and fails soft: when nothing can be
# installed the script still exits 0 and the browser test skips with a reason.
set -u

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver && fc-list 2>/dev/null | grep -qi 'arab'; then
    echo "install-browser: chromium, chromedriver and an Arabic font are already present"
    exit 0
fi

if ! have apt-get; then
    echo "install-browser: no apt-get here; the browser test will skip"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have sudo && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; the browser test will skip"
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "install-browser: apt-get update failed; the browser test will skip"
    exit 0
fi
# fonts-noto-core carries Noto Naskh/Sans Arabic; fontconfig provides fc-list.
if ! $SUDO apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver fonts-noto-core fontconfig >/dev/null; then
    echo "install-browser: apt-get install failed; the browser test will skip"
    exit 0
fi
echo "install-browser: $(chromium --version 2>/dev/null || echo 'chromium missing')"
exit 0
