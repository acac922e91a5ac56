#!/usr/bin/env bash
# Writes acme-mip into DIR: datasets/acme with max_projects_per_person 3 and
# min_hours_per_assignment 8, without scenarios. The hard MIP instance of
# bench/mip-settings.sh and bench/block-policies.sh.
#
#   bench/acme-mip.sh DIR
set -euo pipefail
out=${1:?usage: acme-mip.sh DIR}
cd "$(dirname "$0")/.."
cp -r datasets/acme "$out"
sed -i 's/^  max_projects_per_person: null/  max_projects_per_person: 3/; s/^  min_hours_per_assignment: null/  min_hours_per_assignment: 8/; /^scenarios:/,$d' "$out/allot.yaml"
echo "scenarios: []" >> "$out/allot.yaml"
