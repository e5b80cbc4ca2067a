#!/usr/bin/env bash
# Installs what the tests need when the machine lacks it. Idempotent and quiet when all is there.
#   chromium            headless browser: the report's PDF and the browser test (reports/)
#   fonts-wqy-microhei  the CJK font the report's CSS names first (WenQuanYi Micro Hei)
#   poppler-utils       pdftotext: the browser test reads the PDF's Chinese text
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
    command -v sudo >/dev/null 2>&1 || { echo "setup: missing ${need[*]}; install them as root: apt-get install -y ${need[*]}" >&2; exit 1; }
else
    sudo=
fi
echo "setup: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
