#!/usr/bin/env bash
# The postal partner's broker user. It may read only its feed queue (dvc.partner.postal.feed) and
# write only to the reports exchange (dvc.partner.postal.reports); it may configure nothing, so it
# cannot declare, bind or delete anything, and the internal bus (dvc.events, the services' queues)
# is out of its reach. postal-delivery declares the partner's exchanges and queues itself.
#
#   POSTAL_PARTNER_PASSWORD=... infra/rabbitmq/postal-partner-user.sh <user> [namespace] [vhost]
#   infra/rabbitmq/postal-partner-user.sh --delete <user>
#
# namespace: the BUS_NAMESPACE of the platform (empty in production; tests use their own).
# The password comes from the environment, never from the command line of this script (it still
# reaches rabbitmqctl's arguments: run this where the process list is not shared).
# RABBITMQCTL overrides the command (e.g. "docker compose exec -T rabbitmq rabbitmqctl").
set -euo pipefail
RABBITMQCTL="${RABBITMQCTL:-rabbitmqctl}"

if [ "${1:-}" = "--delete" ]; then
  $RABBITMQCTL -q delete_user "${2:?usage: $0 --delete <user>}"
  exit 0
fi

user="${1:?usage: POSTAL_PARTNER_PASSWORD=... $0 <user> [namespace] [vhost]}"
namespace="${2:-}"
vhost="${3:-/}"
password="${POSTAL_PARTNER_PASSWORD:?set POSTAL_PARTNER_PASSWORD}"
case "$namespace" in *[!a-z0-9-]*) echo "namespace may hold only a-z, 0-9 and -" >&2; exit 2 ;; esac

# Same names as libs/contracts/src/partner/postal-partner.topology.ts, anchored and escaped.
prefix=""
[ -n "$namespace" ] && prefix="${namespace}\\."
feed="^${prefix}dvc\\.partner\\.postal\\.feed\$"
reports="^${prefix}dvc\\.partner\\.postal\\.reports\$"

if $RABBITMQCTL -q list_users | awk '{print $1}' | grep -qx -- "$user"; then
  $RABBITMQCTL -q change_password "$user" "$password"
else
  $RABBITMQCTL -q add_user "$user" "$password"
fi
$RABBITMQCTL -q set_user_tags "$user"
#                                          configure  write        read
$RABBITMQCTL -q set_permissions -p "$vhost" "$user" '^$' "$reports" "$feed"
echo "partner user $user: read $feed, write $reports, configure nothing (vhost $vhost)"
