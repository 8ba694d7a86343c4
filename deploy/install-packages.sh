#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Docket builds and runs against. dcmtk reads DICOM images;
# chromium is only needed by the tests, which open HTML reports in a real browser; postgresql too,
# for the tests' throwaway clusters (scripts/throwaway-postgres) and a local PostgreSQL store; python3
# for the tests of the Python client (clients/python), python3-yaml for the tests that read
# openapi.yaml, and python3-venv for the virtualenv scripts/schemathesis.sh installs schemathesis in.
# tesseract-ocr is Tesseract's command, which `docket bench throughput` times as the plain reading;
# tesseract-ocr-osd its orientation detection, with which Docket reads pages scanned sideways.
# libopenblas-dev is the BLAS the sentence encoder (DocketEncoder) multiplies its matrices with.
# DOCKET_LANGUAGES lists the languages whose Tesseract models to install, by Tesseract's codes
# separated by spaces (default "eng deu"; e.g. DOCKET_LANGUAGES="eng deu fra chi_sim"): a document
# submitted with --language deu+eng needs deu and eng on the machine that submits it and on every
# worker.
# Then deploy/install-encoder.sh installs the encoder's weights.
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

packages=(
  pkg-config
  libsqlite3-dev
  libpoppler-glib-dev
  libcairo2-dev
  libtesseract-dev
  libleptonica-dev
  tesseract-ocr-eng
  tesseract-ocr-osd
  tesseract-ocr
  poppler-utils
  fonts-dejavu-core
  dcmtk
  chromium
  postgresql
  python3
  python3-venv
  python3-yaml
  libopenblas-dev
  wrk
)

read -r -a languages <<< "${DOCKET_LANGUAGES:-eng deu}"
for code in "${languages[@]}"; do
  packages+=("tesseract-ocr-${code//_/-}")
done

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$(dirname "$0")/install-encoder.sh"
