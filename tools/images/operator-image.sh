#!/usr/bin/env bash
# The operator's image: a JDK runtime made with jlink (only the modules jdeps finds in the jars),
# the distribution's jars (bulwark-cli/target/bulwark/lib, from `./mvnw package -pl bulwark-cli
# -am`), and the shared libraries that runtime loads, taken from this host's Debian packages (the
# base: no distribution image can be pulled here, and a runtime from jlink needs only glibc, zlib
# and the dynamic loader). Runs as 65532:65532. Written by ocibuild, so two builds from the same
# jars and JDK give the same digest.
#
#   tools/images/operator-image.sh OCIBUILD OUT_DIR [DIST_DIR]
#
# stdout: OPERATOR_IMAGE=ghcr.io/bulwark-dev/bulwark:<appVersion>@sha256:... and OPERATOR_ARCHIVE=...
# (lines of images.env); nothing (and a note on stderr) when the distribution is not built.
set -euo pipefail

IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$IMAGES_DIR/../.." && pwd)
OCIBUILD=$1 OUT=$2 DIST=${3:-$ROOT/bulwark-cli/target/bulwark}
log() { printf '[operator-image] %s\n' "$*" >&2; }
die() { printf '[operator-image] ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=tools/images/jvm-image.sh
. "$IMAGES_DIR/jvm-image.sh"

if ! compgen -G "$DIST/lib/bulwark-cli-*.jar" >/dev/null; then
  log "no distribution in $DIST (./mvnw -B -ntp package -pl bulwark-cli -am -DskipTests): no operator image"
  exit 0
fi
# shellcheck source=bulwark-cli/src/dist/bin/find-java.sh
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
JDK=$BULWARK_JAVA_HOME

# The chart names the image: repository from its values, tag = the chart's appVersion.
CHART="$ROOT/deploy/helm/bulwark"
REPOSITORY=$(sed -n '/^image:/,/^[^ ]/s/^  repository: *\([^ #]*\).*/\1/p' "$CHART/values.yaml")
TAG=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$CHART/Chart.yaml")
if [ -z "$REPOSITORY" ] || [ -z "$TAG" ]; then
  die "cannot read image.repository or appVersion from $CHART"
fi

# Unchanged inputs (jars, JDK, this script, ocibuild, the name) give the same archive: skip the
# minute of jlink and compression that tools/run-tests.sh would otherwise pay on every run.
INPUTS=$(echo "$REPOSITORY:$TAG" | image_inputs "$DIST"/lib/*.jar "${BASH_SOURCE[0]}" \
  "$IMAGES_DIR/jvm-image.sh" "$OCIBUILD" "$JDK/release" "$JDK/lib/modules")
image_reused OPERATOR "$OUT/operator" "$INPUTS" && exit 0

STAGE=$(mktemp -d "$OUT/.operator.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
ROOTFS="$STAGE/rootfs"
mkdir -p "$ROOTFS/opt/bulwark/lib" "$ROOTFS/etc" "$ROOTFS/tmp"
cp "$DIST"/lib/*.jar "$ROOTFS/opt/bulwark/lib/"

# Modules: what jdeps finds in the jars, plus the ones loaded by name at run time (service
# providers jdeps cannot see: DNS for the API server's name, EC and other TLS algorithms).
MODULES="$(jre_modules "$JDK" "$DIST"/lib/*.jar),jdk.naming.dns,jdk.crypto.cryptoki,jdk.zipfs"
jre_link "$JDK" "$MODULES" "$ROOTFS/opt/java"
jre_host_libraries "$ROOTFS" /opt/java
jre_accounts "$ROOTFS"

# The entrypoint is what bin/bulwark runs (its launcher script needs a shell the image lacks).
# -XX:-UsePerfData: both containers of a pod share its /tmp, where two JVMs that are both pid 1
# would claim the same hsperfdata file; nothing in the image reads it.
ARGS=(-entrypoint /opt/java/bin/java -entrypoint -XX:-UsePerfData)
# protobuf (through cel-java) uses sun.misc.Unsafe: without this every start warns (JDK 23+)
[ "$BULWARK_JAVA_MAJOR" -ge 23 ] && ARGS+=(-entrypoint --sun-misc-unsafe-memory-access=allow)
ARGS+=(-entrypoint -cp -entrypoint '/opt/bulwark/lib/*' -entrypoint dev.bulwark.cli.BulwarkCli)
for top in "$ROOTFS"/*; do ARGS+=(-add "$top=/${top##*/}"); done
REF=$("$OCIBUILD" -name "$REPOSITORY:$TAG" -out "$OUT/operator.tar" "${ARGS[@]}" \
  -env JAVA_HOME=/opt/java -env HOME=/tmp -user 65532:65532 -workdir /tmp) || die "ocibuild failed"
image_built OPERATOR "$OUT/operator" "$INPUTS" "$REF"
