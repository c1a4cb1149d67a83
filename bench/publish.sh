#!/usr/bin/env bash
# What `limber publish` sends and how long it takes, for a generated guide of N stretches
# (default 10,000): a first publish, then a publish after one stretch's body is edited, to a bare
# git repository, to rclone's local backend, and (when sshd, ssh-keygen and rsync are here and
# this runs as root) to a folder over SSH on 127.0.0.1 with rsync.
#
#   bench/publish.sh [N]        LIMBER=.build/release/limber by default
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
limber=${LIMBER:-.build/release/limber}
work=$(mktemp -d "${TMPDIR:-/tmp}/limber-publish-bench.XXXXXX")
trap 'kill $(cat "$work/ssh/sshd.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

python3 bench/generate.py "$n" "$work/gen" >/dev/null
site="$work/gen/limber"
stretch=$(cd "$site/content/stretches" && find . -name "*.md" -print -quit)

targets=("git:$work/remote.git" "rclone::local:$work/rclone")
git init -q --bare "$work/remote.git"
if [ "$(id -u)" = 0 ] && command -v sshd >/dev/null && command -v rsync >/dev/null; then
  mkdir -p "$work/ssh" /run/sshd
  ssh-keygen -q -t ed25519 -N "" -f "$work/ssh/host_key"
  ssh-keygen -q -t ed25519 -N "" -f "$work/ssh/id"
  cp "$work/ssh/id.pub" "$work/ssh/authorized_keys"
  port=$((20000 + RANDOM % 20000))
  printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nAuthorizedKeysFile %s\nPidFile %s\nStrictModes no\nUsePAM no\nPermitRootLogin yes\n' \
    "$port" "$work/ssh/host_key" "$work/ssh/authorized_keys" "$work/ssh/sshd.pid" >"$work/ssh/sshd_config"
  printf 'Host bench\n HostName 127.0.0.1\n Port %s\n User root\n IdentityFile %s\n StrictHostKeyChecking no\n UserKnownHostsFile /dev/null\n BatchMode yes\n LogLevel ERROR\n' \
    "$port" "$work/ssh/id" >"$work/ssh/config"
  "$(command -v sshd)" -f "$work/ssh/sshd_config"
  export RSYNC_RSH="ssh -F $work/ssh/config"
  targets+=("ssh:bench:$work/www")
fi

# Each target has a build of its own in .limber/publish/: the first publish includes a full
# build, the one after the edit an edit build.
for target in "${targets[@]}"; do
  start=$(date +%s.%N)
  first=$("$limber" publish "$site" --to "$target")
  end=$(date +%s.%N)
  printf '%-8s first publish: %s (%.1f s wall)\n' "${target%%:*}" "${first#*: }" "$(echo "$end - $start" | bc)"
done
printf '\nOne more sentence.\n' >>"$site/content/stretches/$stretch"
for target in "${targets[@]}"; do
  start=$(date +%s.%N)
  edit=$("$limber" publish "$site" --to "$target")
  end=$(date +%s.%N)
  printf '%-8s after one edit: %s (%.1f s wall)\n' "${target%%:*}" "${edit#*: }" "$(echo "$end - $start" | bc)"
done
