# Sourced by bench/block-policies.sh and bench/mip-settings.sh (from the
# package root): the time limit (LIMIT, 60 s by default), a release build in
# $allot, a temporary folder $work removed on exit, and acme-mip in
# $work/acme-mip (bench/acme-mip.sh).
limit=${LIMIT:-60}
swift build -c release --product allot >&2
allot=.build/release/allot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench/acme-mip.sh "$work/acme-mip"
