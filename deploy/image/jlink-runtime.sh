#!/usr/bin/env bash
# Builds the root filesystem of the offline image's runtime layer: a jlink Java runtime in /opt/java and the C
# library files it loads, copied from this machine. Used by `-Pimage-offline` (deploy/image/pom.xml).
# Usage: jlink-runtime.sh OUTPUT_DIR
set -euo pipefail

out="${1:?usage: jlink-runtime.sh OUTPUT_DIR}"

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}
jdk=""
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  if [[ -x "$candidate/bin/jlink" && "$(java_major "$candidate/bin/java")" -ge 21 ]]; then
    jdk="$candidate"; break
  fi
done
[[ -n "$jdk" ]] || { echo "jlink-runtime: needs a JDK 21 or newer with jlink" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/opt" "$out/tmp"
# java.se covers what the libraries use (java.beans for SnakeYAML, java.sql for Jackson, JNDI, SASL);
# jdk.unsupported for Kafka's and Netty's buffers, jdk.management for process metrics.
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --output "$out/opt/java"

# The dynamic loader and every shared library the runtime links against, resolved from this machine.
{
  # Not the X11 and splash-screen parts of java.desktop: the service is headless, and they would pull in X11 and ALSA.
  find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
      ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjawt.so' ! -name 'libjsound.so' -print0 \
    | xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}'
} | sort -u | while read -r lib; do
  [[ "$lib" == "$out"* ]] && continue
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
echo "jlink-runtime: $(du -sh "$out" | cut -f1) in $out (JDK $(java_major "$jdk/bin/java") from $jdk)" >&2
