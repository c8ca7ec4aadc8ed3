#!/usr/bin/env bash
# The operating-system tools the test suite checks its documents with, installed from Debian's
# packages when missing: Poppler (pdfsig verifies signatures, pdftotext reads slips back,
# pdftoppm renders a page to an image), qpdf (encrypts a PDF, to prove encrypted uploads are
# refused), NSS's certutil/pk12util (a CA pdfsig trusts) and openssl (reads the signature's
# attributes back). The platform itself needs none of them at run time.
set -euo pipefail
missing=()
for tool in pdfsig:poppler-utils pdftotext:poppler-utils pdftoppm:poppler-utils qpdf:qpdf certutil:libnss3-tools pk12util:libnss3-tools openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool##*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${packages[*]} and no apt-get to install it: install it, then run again." >&2
  exit 1
fi
echo "Installing ${packages[*]} (Debian packages) for the document checks"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
