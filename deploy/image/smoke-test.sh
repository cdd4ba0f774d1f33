#!/usr/bin/env bash
# Runs the image built by `-Pimage-offline` without a container engine, the way a restricted pod would: its
# layers unpacked into a root filesystem mounted read-only, a tmpfs on /tmp, an arbitrary UID with group 0, and
# the image's own entrypoint and environment. Checks that the application starts, scrubs a record, and leaks
# neither the planted email address nor the IP address. Needs root (mount namespaces, chroot) and python3.
# Usage: deploy/image/smoke-test.sh [IMAGE_TAR]
set -euo pipefail

image="$(realpath "${1:-$(dirname "${BASH_SOURCE[0]}")/target/anonymizer-image.tar}")"
uid=1000770000   # what OpenShift's restricted-v2 might assign: not in the image's /etc/passwd (it has none)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tar --warning=no-unknown-keyword -xf "$image" -C "$work"
mkdir "$work/rootfs"
python3 - "$work" > "$work/image.env" <<'PY'
import json, shlex, sys
work = sys.argv[1]
manifest = json.load(open(f"{work}/manifest.json"))[0]
config = json.load(open(f"{work}/{manifest['Config']}"))["config"]
print("layers=(" + " ".join(shlex.quote(l) for l in manifest["Layers"]) + ")")
print("entrypoint=(" + " ".join(shlex.quote(a) for a in config["Entrypoint"]) + ")")
print("environment=(" + " ".join(shlex.quote(e) for e in config.get("Env", [])) + ")")
print("user=" + shlex.quote(config.get("User", "")))
print("workdir=" + shlex.quote(config.get("WorkingDir", "/")))
PY
# shellcheck disable=SC1091
source "$work/image.env"
for layer in "${layers[@]}"; do
  tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$work/rootfs"
done
[[ "$user" =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || { echo "smoke-test: image user '$user' is not a numeric non-root UID" >&2; exit 1; }
mkdir -p "$work/rootfs/dev" "$work/rootfs/proc" "$work/rootfs/tmp"
for device in null zero random urandom; do touch "$work/rootfs/dev/$device"; done

# Runs the image's entrypoint with arguments, as the arbitrary UID, on the read-only root with a fresh /tmp.
run() {
  env -i "${environment[@]}" unshare --mount --propagation private bash -c '
    set -euo pipefail
    chroot="$1"; root="$2"; uid="$3"; shift 3
    mount --bind "$root" "$root"
    for device in null zero random urandom; do mount --bind "/dev/$device" "$root/dev/$device"; done
    mount --rbind /proc "$root/proc"
    mount -t tmpfs -o size=256m,mode=1777 tmpfs "$root/tmp"
    mount -o remount,bind,ro "$root"
    exec "$chroot" --userspec="$uid:0" "$root" "$@"
  ' _ "$(command -v chroot)" "$work/rootfs" "$uid" "$@"
}

echo "smoke-test: ${image##*/} as UID $uid, group 0, read-only root: ${entrypoint[*]}" >&2
run "${entrypoint[@]}" --help > "$work/help.txt"
grep -q 'serve' "$work/help.txt" || { echo "smoke-test: --help does not list serve" >&2; exit 1; }

printf '%s\n' 'GET /user/jdoe@example.org/ from 192.0.2.7' \
  | run "${entrypoint[@]}" scrub --kind logs --tier public --ephemeral-key > "$work/out.txt" 2> "$work/err.txt" \
  || { cat "$work/err.txt" >&2; exit 1; }
if [[ ! -s "$work/out.txt" ]] || grep -qE 'jdoe@example\.org|192\.0\.2\.7' "$work/out.txt"; then
  echo "smoke-test: scrub printed '$(cat "$work/out.txt")'" >&2; exit 1
fi
echo "smoke-test: ok, scrubbed to: $(cat "$work/out.txt")" >&2
