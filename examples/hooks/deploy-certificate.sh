#!/bin/sh
# Certbell command hook: deploy an issued certificate's PEM chain to a directory.
#
#   {"name": "deploy", "stage": "success", "events": ["ssl_panel.issued"],
#    "command": ["/path/to/deploy-certificate.sh"], "env": {"DEPLOY_DIR": "/etc/ssl/certbell"}}
#
# Writes DEPLOY_DIR/<common name>.pem atomically (temp file + rename), mode 0644.
# Exits non-zero on any problem, which (as a success hook) aborts the delivery with 503 so the
# provider retries, unless allowSuccessHookFailure is true.
set -eu

: "${DEPLOY_DIR:?set DEPLOY_DIR in the hook's env}"
if [ -z "${CERTBELL_CERTIFICATE:-}" ] || [ ! -s "$CERTBELL_CERTIFICATE" ]; then
  echo "delivery ${CERTBELL_DELIVERY_ID:-?} carries no certificate; nothing to deploy" >&2
  exit 1
fi

# The common name comes from the webhook: keep only characters that are safe in a file name.
name=$(printf '%s' "${CERTBELL_COMMON_NAME:-certificate}" | tr -c 'A-Za-z0-9.*_-' '_' | sed 's/^\.*//; s/\*/_wildcard_/g')
[ -n "$name" ] || name=certificate

mkdir -p "$DEPLOY_DIR"
tmp=$(mktemp "$DEPLOY_DIR/.certbell.XXXXXX")
cat "$CERTBELL_CERTIFICATE" > "$tmp"
chmod 0644 "$tmp"
mv -f "$tmp" "$DEPLOY_DIR/$name.pem"
echo "deployed $DEPLOY_DIR/$name.pem (certificate ${CERTBELL_CERTIFICATE_NAME:-?})"
