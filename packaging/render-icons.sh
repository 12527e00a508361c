#!/usr/bin/env bash
# Render the app icon's PNGs (16-512 px) from its SVG, into resources/icons/.
# Needs rsvg-convert (Debian: librsvg2-bin). Run after changing the SVG; commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
id=io.github.showscribe.Showscribe
for size in 16 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" "$id.svg" --output "$id-$size.png"
done
echo "rendered $(ls "$id"-*.png | wc -l) PNGs in $(pwd)"
