#!/bin/sh
# Certbell command hook: append one line per delivery to a log file.
#
#   {"name": "log", "stage": "post", "events": ["*"],
#    "command": ["/path/to/log-delivery.sh"], "env": {"LOG_FILE": "/var/log/certbell-deliveries.log"}}
#
# One tab-separated line: time, stage, event, delivery id, common name, error (post hooks).
set -eu

: "${LOG_FILE:?set LOG_FILE in the hook's env}"
clean() { printf '%s' "$1" | tr '\t\r\n' '   '; }
printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(clean "${CERTBELL_STAGE:-}")" \
  "$(clean "${CERTBELL_EVENT:-}")" "$(clean "${CERTBELL_DELIVERY_ID:-}")" "$(clean "${CERTBELL_COMMON_NAME:--}")" \
  "$(clean "${CERTBELL_ERROR:-}")" >> "$LOG_FILE"
