#!/usr/bin/env bash
# Pushes the README's sample storm: 50 alarms from one site (Leeds loses power: every device there
# complains) and 5 from another (a York switch port flaps into trouble). Expect two incidents.
# Usage: deploy/samples/push-sample-alarms.sh [base URL]   (default: CONSOLE_URL from deploy/infra.env)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/deploy/infra.env"
BASE="${1:-$CONSOLE_URL}"

post() {
  curl -sS -o /dev/null -w '%{http_code}\n' -X POST "$BASE/api/v1/alarms" \
    -H 'Content-Type: application/json' --data-binary "$1"
}

codes=()
for i in $(seq 1 50); do
  device=$(( (i - 1) % 10 + 1 ))
  case $(( i % 5 )) in
    0) type=power_supply_failure; sev=critical; text="PSU input lost" ;;
    1) type=link_down; sev=major; text="Interface Gi0/$i changed state to down" ;;
    2) type=bgp_session_down; sev=major; text="BGP neighbour 10.20.0.$i down" ;;
    3) type=device_unreachable; sev=critical; text="ICMP unreachable" ;;
    *) type=ups_on_battery; sev=warning; text="UPS running on battery" ;;
  esac
  codes+=("$(post "{\"resource\":\"leeds-dev-$device\",\"site\":\"leeds\",\"alarmType\":\"$type\",\"severity\":\"$sev\",\"summary\":\"$text\",\"source\":\"sample\",\"labels\":{\"instance\":\"$i\"}}")")
done
for i in $(seq 1 5); do
  codes+=("$(post "{\"resource\":\"york-sw-1\",\"site\":\"york\",\"service\":\"file-shares\",\"alarmType\":\"interface_errors\",\"severity\":\"minor\",\"summary\":\"CRC errors rising on Gi0/$i\",\"source\":\"sample\",\"labels\":{\"instance\":\"Gi0/$i\"}}")")
done
accepted=$(printf '%s\n' "${codes[@]}" | grep -c '^202$' || true)
echo "posted ${#codes[@]} alarms to $BASE: $accepted accepted (202)"
echo "incidents: curl -s $BASE/api/v1/incidents"
[ "$accepted" -eq "${#codes[@]}" ]
