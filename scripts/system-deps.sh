#!/usr/bin/env bash
# Installs the Debian packages pamats uses, if missing: LibreOffice (DOCX -> PDF, and the
# check that generated DOCX open), Graphviz (pictures of the landscape), DejaVu fonts, poppler-utils
# (pdftotext: the tests read the text of generated PDFs), python3-uno + python3-venv (scripts/unoserver.sh:
# LibreOffice kept running for DOCX -> PDF).
# Safe to run again; does nothing when all are present.
# Usage: bash scripts/system-deps.sh [demo|all]   (demo: only what `pamats demo` needs)
set -euo pipefail
pkgs=(libreoffice-writer-nogui graphviz fonts-dejavu-core poppler-utils python3-uno python3-venv)
# docassemble (in-process interviews and the e2e server): pandoc + LibreOffice for PDF, zbar
# (imported by docassemble.base), a generated en_US.UTF-8 locale; chromium for the browser test;
# LDAP/SASL headers and gcc to build python-ldap for the docassemble.webapp server venv
[ "${1:-all}" = demo ] || pkgs+=(pandoc libzbar0 locales chromium chromium-driver curl libldap2-dev libsasl2-dev gcc)
# npm for axe-core (the e2e accessibility checks), unless Node.js's npm is already there
[ "${1:-all}" = demo ] || command -v npm >/dev/null || pkgs+=(npm)
# SoftHSM2: a real PKCS#11 token for the registry's PKCS#11 signing test
[ "${1:-all}" = demo ] || pkgs+=(softhsm2)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "[system-deps] installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ "${1:-all}" != demo ] && ! locale -a 2>/dev/null | grep -qi '^en_US.utf8$'; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen && $SUDO locale-gen >/dev/null
fi
echo "[system-deps] ok"
