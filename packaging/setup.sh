#!/usr/bin/env bash
# Set Showscribe up on a Debian or Ubuntu machine, then open the editor or run the tests.
#
#   bash packaging/setup.sh run [PROJECT]       open the editor (the sample episode by default)
#   bash packaging/setup.sh test [PYTEST ARGS]  run the whole test suite
#   bash packaging/setup.sh deps                only set up
#
# It installs the missing system packages through apt (as root, or with sudo;
# otherwise it prints the command to run), creates .venv and installs
# Showscribe into it. Running it again only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
shift || true
case $mode in run|test|deps) ;; *) echo "usage: $0 run|test|deps [ARGS]" >&2; exit 2 ;; esac

# System packages: libvlc with its base plugins (playback, the adummy output the
# tests use) and libvlc-bin, whose plugin cache spares libvlc opening all of its
# ~400 plugins at start (45 MB and a slower start without it), ffmpeg (decoding,
# chapters), Enchant with the Hunspell English dictionary (spell checking), the
# libraries Qt needs on X11 and offscreen, a font, and the X tools the keyboard
# test drives the window with.
packages=(ffmpeg libvlc5 vlc-plugin-base libvlc-bin libenchant-2-2 hunspell-en-us
          libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0
          libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
          fonts-dejavu-core)
# flite speaks the test sentences the aligner is checked against; Chromium's
# WebVTT parser reads the captions Showscribe writes (Ubuntu ships Chromium
# only as a snap: `snap install chromium` there).
if [ "$mode" = test ]; then
    packages+=(xvfb xauth xdotool flite
               desktop-file-utils appstream shared-mime-info librsvg2-bin)
    grep -qx 'ID=ubuntu' /etc/os-release 2>/dev/null || packages+=(chromium)
fi
python_ok() { python3 -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
python_ok || packages+=(python3 python3-venv)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
    command=(apt-get install -y --no-install-recommends "${missing[@]}")
    if [ "$(id -u)" -eq 0 ]; then sudo=()
    elif command -v sudo >/dev/null 2>&1; then sudo=(sudo)
    else
        echo "Showscribe needs these system packages: ${missing[*]}" >&2
        echo "Install them as root, then run this again:" >&2
        echo "  apt-get update && ${command[*]}" >&2
        exit 1
    fi
    echo "Installing system packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! python_ok; then
    echo "Showscribe needs Python 3.11 or newer with venv; python3 is $(python3 --version 2>&1)" >&2
    exit 1
fi

# The virtual environment (with the test tools), reinstalled only when
# pyproject.toml changes.
stamp=.venv/.installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if [ ! -f "$stamp" ] || ! grep -qxF -- "$want" "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test]"
    echo "$want" > "$stamp"
fi

case $mode in
    deps)
        echo "Showscribe is set up in $(pwd)/.venv" ;;
    run)
        [ $# -eq 0 ] && set -- sample_projects/sample-episode/episode.showscribe.yaml
        exec .venv/bin/showscribe "$@" ;;
    test)
        export QT_QPA_PLATFORM=offscreen SHOWSCRIBE_VLC_ARGS="--aout=adummy"
        exec .venv/bin/python -m pytest "$@" ;;
esac
