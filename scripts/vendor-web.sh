#!/usr/bin/env bash
# vendor-web.sh — fetch the web layer's third-party browser files from the npm registry at pinned
# versions, check each tarball against its pinned integrity (the registry's sha512, SRI form),
# and copy only the files the pages use, with the licence, into the repository:
#
#   web/static/vendor/htmx.org-VERSION/         htmx.min.js, LICENSE     (served, embedded)
#   web/static/vendor/htmx-ext-sse-VERSION/     sse.min.js, LICENSE      (served: run progress over server-sent events)
#   web/static/vendor/swagger-ui-dist-VERSION/  swagger-ui-bundle.js, swagger-ui.css, LICENSE, NOTICE and
#                                               the licences of the code bundled (…LICENSE.txt)
#   web/testdata/vendor/axe-core-VERSION/       axe.min.js, LICENSE, LICENSE-3RD-PARTY.txt (tests only, injected by chromedp)
#
# The copies are committed: building and testing need no Node. Run this only to change a
# version: edit the pins below (version and `npm view NAME@VERSION dist.integrity`), run it, and
# commit the new directory with the removal of the old one. Idempotent: a directory whose
# .integrity records the same pin and file list, and whose files still have the SHA-256 recorded
# there, is left as it is.
set -euo pipefail

cd "$(dirname "$0")/.."

# name version integrity destination files…
PINS=(
  "htmx.org 2.0.11 sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA== web/static/vendor dist/htmx.min.js LICENSE"
  "htmx-ext-sse 2.2.4 sha512-LJmxVhykyflBWgh5PvbRidcyuqMHlgfajmmzumvKctv9puvsufeH6OaejSMZTNTnEI8O2wXXn4ZZtBdpEMqmEQ== web/static/vendor dist/sse.min.js LICENSE"
  "swagger-ui-dist 5.36.0 sha512-Lt6/Kb0gXmLdiabLhvso4VdJP9V7qJWB0zh0gzeXUV3+CMOTzMmvpJRSXN7EAjfwixwmoi9ezDbLHiexC7lA9A== web/static/vendor swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE swagger-ui-bundle.js.LICENSE.txt"
  "axe-core 4.14.1 sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ== web/testdata/vendor axe.min.js LICENSE LICENSE-3RD-PARTY.txt"
)

command -v npm >/dev/null || { echo "vendor-web.sh: npm is needed to refresh vendored files (not to build or test)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for pin in "${PINS[@]}"; do
  read -r name version integrity dest files <<<"$pin"
  out="$dest/$name-$version"
  stamp="$out/.integrity"
  if [ -f "$stamp" ] && [ "$(head -1 "$stamp")" = "$integrity $files" ] && (cd "$out" && sha256sum --quiet -c <(tail -n +2 .integrity)) >/dev/null 2>&1; then
    echo "$name@$version: up to date in $out"
    continue
  fi
  work="$tmp/$name"
  mkdir -p "$work"
  tgz=$(cd "$work" && npm pack --silent "$name@$version")
  algo=${integrity%%-*}
  got="$algo-$(openssl dgst "-$algo" -binary "$work/$tgz" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "vendor-web.sh: $name@$version: integrity $got, pinned $integrity — refusing to vendor" >&2
    exit 1
  fi
  tar -xzf "$work/$tgz" -C "$work"
  rm -rf "$out"
  mkdir -p "$out"
  for f in $files; do
    cp "$work/package/$f" "$out/$(basename "$f")"
  done
  {
    echo "$integrity $files"
    (cd "$out" && sha256sum -- $(for f in $files; do basename "$f"; done))
  } >"$stamp"
  echo "$name@$version: vendored into $out"
done
