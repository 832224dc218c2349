#!/usr/bin/env bash
# The root file system the services' images are built on (docs/deploy.md, "Images"): a Java
# runtime linked by jlink from the JDK that runs the build, the C libraries it and the services'
# native code (Netty, DuckDB) load, their licences, and the service's user. Jib puts it under the
# application's layers of a `scratch` image, so no base image is pulled from a registry: the build
# machines reach no container registry, and an image that is built and checked here is the one a
# user runs.
#
#   build-rootfs.sh JAVA_HOME OUT      writes OUT/rootfs; does nothing when OUT is up to date
#
# The image is for the build machine's OS and architecture (Linux x86-64 on the project's
# machines): the runtime and its libraries are that machine's.
set -euo pipefail

java_home=$1
out=$2
rootfs="$out/rootfs"

# The services run on Java 17 and use no desktop APIs beyond java.beans (java.se brings it);
# the jdk.* modules are what Spring, Netty, the Kafka and Cassandra clients and an operator's
# jcmd reach for at run time.
MODULES=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs
MODULES+=,jdk.localedata,jdk.charsets,jdk.net,jdk.management,jdk.management.agent
MODULES+=,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.attach
# The service's user (the images run as 10001:10001, never root).
USER_ID=10001

# One build at a time (a parallel Maven build packages several services at once).
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9

stamp="$( (cat "$java_home/release" "$0"; echo "$MODULES") | sha256sum | cut -c1-64)"
if [[ -f "$out/stamp" && "$(cat "$out/stamp")" == "$stamp" && -x "$rootfs/opt/java/bin/java" ]]; then
  exit 0
fi
[[ "$(uname -s)" == Linux ]] || { echo "the image's runtime is linked on Linux only" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
"$java_home/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$rootfs/opt/java"

# The shared libraries the runtime links against, resolved on this machine, at the same paths.
# Desktop libraries (X11, sound, fonts, images) are left out: the services run headless and never
# load them. libstdc++ and libgcc_s are for the native code the services unpack at run time.
gui='lib(awt_xawt|splashscreen|jsound|fontmanager|lcms|javajpeg|jawt)\.so$'
elves=("$rootfs/opt/java/bin/java" "$rootfs/opt/java/bin/jcmd")
while IFS= read -r so; do
  [[ "$so" =~ $gui ]] || elves+=("$so")
done < <(find "$rootfs/opt/java/lib" -name '*.so')
libs=()
for lib in libstdc++.so.6 libgcc_s.so.1; do
  # awk reads to the end (no early exit): ldconfig would die of SIGPIPE, and pipefail with it
  libs+=("$(ldconfig -p | awk -v l="$lib" '!found && $1 == l && /x86-64|x86_64|64bit/ {print $NF; found = 1}')")
done
elves+=("${libs[@]}")
mapfile -t needed < <(
  for elf in "${elves[@]}"; do
    LD_LIBRARY_PATH="$rootfs/opt/java/lib:$rootfs/opt/java/lib/server" ldd "$elf"
  done | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | grep -v "^$rootfs" | sort -u)
for path in "${needed[@]}" "${libs[@]}"; do
  mkdir -p "$rootfs$(dirname "$path")"
  cp -L "$path" "$rootfs$path"
done

# Their licences: the Debian packages' copyright files (the runtime's own are in opt/java/legal).
if command -v dpkg >/dev/null; then
  for path in "${needed[@]}" "${libs[@]}"; do
    pkg=$( (dpkg -S "$path" || dpkg -S "$(readlink -f "$path")") 2>/dev/null | head -1 | cut -d: -f1) || true
    [[ -n "$pkg" && -f "/usr/share/doc/$pkg/copyright" ]] || continue
    mkdir -p "$rootfs/usr/share/doc/$pkg"
    cp "/usr/share/doc/$pkg/copyright" "$rootfs/usr/share/doc/$pkg/copyright"
  done
fi

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/lib/tessera/training"
printf 'root:x:0:0:root:/root:/sbin/nologin\ntessera:x:%s:%s:tessera:/var/lib/tessera:/sbin/nologin\n' \
  "$USER_ID" "$USER_ID" >"$rootfs/etc/passwd"
printf 'root:x:0:\ntessera:x:%s:\n' "$USER_ID" >"$rootfs/etc/group"
printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
echo "$stamp" >"$out/stamp"
