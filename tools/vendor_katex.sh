#!/usr/bin/env bash
# KaTeX(MIT)를 npm 레지스트리에서 받아 docs/assets/vendor/katex 에 복사합니다.
# 사이트가 수식을 CDN 없이 스스로 제공하도록 하는 유일한 외부 자산이며, 버전을 올릴 때만 실행합니다.
set -euo pipefail
version="${1:-0.16.47}"
top="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "katex@$version" --silent >/dev/null && tar xzf katex-*.tgz)
dest="$top/docs/assets/vendor/katex"
rm -rf "$dest"
mkdir -p "$dest/contrib"
cp "$work"/package/dist/katex.min.js "$work"/package/dist/katex.min.css "$work"/package/LICENSE "$dest/"
cp -r "$work"/package/dist/fonts "$dest/"
cp "$work"/package/dist/contrib/auto-render.min.js "$dest/contrib/"
echo "KaTeX $version -> $dest"
