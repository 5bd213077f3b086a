#!/usr/bin/env bash
# Installs the Debian packages pamats uses, if missing: LibreOffice (DOCX -> PDF and the
# DOCX checks), Graphviz (graph pictures), pandoc + libzbar0 + locales + WordNet
# (docassemble), chromium + chromedriver (browser e2e test), LDAP/SASL headers (python-ldap
# for docassemble.webapp). Safe to run again; does nothing when all are present.
# Usage: bash scripts/system-deps.sh [--min]   (--min: only what the demo needs)
set -euo pipefail
min=0; [ "${1:-}" = "--min" ] && min=1
pkgs=(libreoffice-writer-nogui graphviz fonts-dejavu-core)
if [ $min = 0 ]; then
  pkgs+=(pandoc libzbar0 locales wordnet-base wordnet-sense-index libldap2-dev libsasl2-dev chromium chromium-driver curl zip)
fi
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "[system-deps] installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ $min = 0 ] && ! locale -a 2>/dev/null | grep -qi '^en_US.utf8$'; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen && $SUDO locale-gen >/dev/null
fi
echo "[system-deps] ok"
