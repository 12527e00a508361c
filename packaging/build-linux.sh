#!/usr/bin/env bash
# Build the standalone one-folder Showscribe for Linux with PyInstaller.
#
#   bash packaging/build-linux.sh [DIST_DIR]    default: dist/
#
# Result: DIST_DIR/showscribe/showscribe (run it, or copy the whole folder). It
# uses the system's libvlc and ffmpeg. Builds with the .venv that
# `bash packaging/setup.sh deps` makes (PyInstaller is among its test tools), or
# the Python in $PYTHON. Work files go to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(realpath -m "${1:-dist}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=${PYTHON:-.venv/bin/python}
if ! "$python" -c 'import PyInstaller' 2>/dev/null; then
    echo "PyInstaller is missing from $python: run 'bash packaging/setup.sh deps' first" >&2
    exit 1
fi
# PyInstaller keeps a cache of analysed libraries in its config folder: keep it in $work.
PYINSTALLER_CONFIG_DIR="$work/config" "$python" -m PyInstaller --noconfirm --clean \
    --log-level WARN --distpath "$dist" --workpath "$work/build" packaging/showscribe.spec
echo "built $dist/showscribe/showscribe"
