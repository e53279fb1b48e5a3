#!/usr/bin/env bash
# The SAST stage's SpotBugs image (the catalogue's `spotbugs`, ADR 0039): neither SpotBugs nor
# FindSecBugs publishes one, so Bulwark builds it from their Maven Central artifacts, at the
# versions bulwark-platform's tests run. In it:
#   /opt/java      a runtime linked by jlink from the host's JDK (the modules jdeps finds in
#                  SpotBugs' and the plugin's jars), with the host libraries it loads
#   /opt/spotbugs  SpotBugs' distribution (com.github.spotbugs:spotbugs:<v>:tgz); bin/ on PATH
#   /opt/findsecbugs/findsecbugs-plugin.jar   the plugin (com.h3xstream.findsecbugs:findsecbugs-plugin)
#   /bin           Debian's busybox-static as /bin/sh, with links for the commands the step's
#                  script and SpotBugs' launcher run (no other shell or library needed)
# Runs as 65532:65532. Written by ocibuild, so the same artifacts, JDK and busybox give the same
# digest.
#
#   tools/images/spotbugs-image.sh OCIBUILD OUT_DIR     (BULWARK_BUSYBOX: another static busybox)
#
# stdout: SPOTBUGS_IMAGE=<catalogue repository>:<tag>@sha256:... and SPOTBUGS_ARCHIVE=... (lines of
# images.env); nothing (and a note on stderr) when busybox-static is not installed.
set -euo pipefail

IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$IMAGES_DIR/../.." && pwd)
OCIBUILD=$1 OUT=$2
BUSYBOX=${BULWARK_BUSYBOX:-/bin/busybox}
log() { printf '[spotbugs-image] %s\n' "$*" >&2; }
die() { printf '[spotbugs-image] ERROR: %s\n' "$*" >&2; exit 1; }
# shellcheck source=tools/images/jvm-image.sh
. "$IMAGES_DIR/jvm-image.sh"

# The commands of bulwark-platform's sast-spotbugs.sh (find, cat, sed, rm) and of SpotBugs'
# bin/spotbugs launcher (sed, ls, expr, dirname, uname); ls also for whoever debugs a step.
APPLETS=(sh cat dirname expr find ls rm sed uname)

# static: ldd refuses it (Debian's other busybox package is linked against glibc)
if [ ! -x "$BUSYBOX" ] || ldd "$BUSYBOX" >/dev/null 2>&1; then
  log "no static busybox at $BUSYBOX (apt-get install busybox-static, .ci/prepare.d/39-busybox.sh): no spotbugs image"
  exit 0
fi
# shellcheck source=bulwark-cli/src/dist/bin/find-java.sh
. "$ROOT/bulwark-cli/src/dist/bin/find-java.sh"
JDK=$BULWARK_JAVA_HOME

# The catalogue names the image and its tag carries both versions; bulwark-platform's pom runs the
# same versions in its tests, and the image must not drift from them.
CATALOGUE="$ROOT/bulwark-catalog/src/main/resources/dev/bulwark/catalog/components.yaml"
NAME=$(sed -n 's/^ *- {name: spotbugs, repository: \([^ ,]*\), tag: \([^ }]*\)}.*/\1:\2/p' "$CATALOGUE")
[ "$(printf '%s\n' "$NAME" | grep -c .)" = 1 ] || die "expected one image 'spotbugs' in $CATALOGUE, found: $NAME"
TAG=${NAME##*:}
SPOTBUGS_VERSION=${TAG%%-findsecbugs-*} FINDSECBUGS_VERSION=${TAG##*-findsecbugs-}
[ "$TAG" = "$SPOTBUGS_VERSION-findsecbugs-$FINDSECBUGS_VERSION" ] \
  || die "the catalogue's spotbugs tag $TAG is not <spotbugs>-findsecbugs-<findsecbugs>"
POM="$ROOT/bulwark-platform/pom.xml"
for pair in "spotbugs.version=$SPOTBUGS_VERSION" "findsecbugs.version=$FINDSECBUGS_VERSION"; do
  property=${pair%%=*}
  tested=$(sed -n "s:.*<$property>\(.*\)</$property>.*:\1:p" "$POM")
  [ "$tested" = "${pair#*=}" ] || die "$CATALOGUE tags spotbugs $TAG, but $POM tests $property $tested"
done

# The artifacts, through Maven (its local repository first, so a warm machine works offline).
mkdir -p "$OUT"
STAGE=$(mktemp -d "$OUT/.spotbugs.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
fetch() { # $1=groupId:artifactId:version[:type]
  local args=(-B -ntp -q -N -f "$ROOT/pom.xml" dependency:copy -Dartifact="$1" -DoutputDirectory="$STAGE/artifacts")
  JAVA_HOME=$JDK "$ROOT/mvnw" -o "${args[@]}" >/dev/null 2>&1 \
    || JAVA_HOME=$JDK "$ROOT/mvnw" "${args[@]}" >&2 || die "cannot fetch $1 from Maven"
}
fetch "com.github.spotbugs:spotbugs:$SPOTBUGS_VERSION:tgz"
fetch "com.h3xstream.findsecbugs:findsecbugs-plugin:$FINDSECBUGS_VERSION"
DISTRIBUTION="$STAGE/artifacts/spotbugs-$SPOTBUGS_VERSION.tgz"
PLUGIN="$STAGE/artifacts/findsecbugs-plugin-$FINDSECBUGS_VERSION.jar"

# Unchanged inputs (artifacts, busybox, JDK, these scripts, ocibuild, the name): the same archive.
INPUTS=$(echo "$NAME" | image_inputs "$DISTRIBUTION" "$PLUGIN" "$BUSYBOX" "${BASH_SOURCE[0]}" \
  "$IMAGES_DIR/jvm-image.sh" "$OCIBUILD" "$JDK/release" "$JDK/lib/modules")
image_reused SPOTBUGS "$OUT/spotbugs" "$INPUTS" && exit 0

ROOTFS="$STAGE/rootfs"
mkdir -p "$ROOTFS/opt/findsecbugs" "$ROOTFS/bin" "$ROOTFS/tmp"
tar -xzf "$DISTRIBUTION" -C "$ROOTFS/opt" --no-same-owner
mv "$ROOTFS/opt/spotbugs-$SPOTBUGS_VERSION" "$ROOTFS/opt/spotbugs"
rm -f "$ROOTFS"/opt/spotbugs/bin/*.bat "$ROOTFS"/opt/spotbugs/bin/*.ico
cp "$PLUGIN" "$ROOTFS/opt/findsecbugs/findsecbugs-plugin.jar"

MODULES=$(jre_modules "$JDK" "$ROOTFS"/opt/spotbugs/lib/*.jar "$PLUGIN")
jre_link "$JDK" "$MODULES" "$ROOTFS/opt/java"
jre_host_libraries "$ROOTFS" /opt/java
jre_accounts "$ROOTFS"
cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for applet in "${APPLETS[@]}"; do ln -s busybox "$ROOTFS/bin/$applet"; done
log "busybox $(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || echo '?') for ${APPLETS[*]}"

# The step runs a script (Tekton's own entrypoint, then /bin/sh); run bare, the image prints
# SpotBugs' version.
ARGS=(-entrypoint /opt/spotbugs/bin/spotbugs -cmd -version)
for top in "$ROOTFS"/*; do ARGS+=(-add "$top=/${top##*/}"); done
REF=$("$OCIBUILD" -name "$NAME" -out "$OUT/spotbugs.tar" "${ARGS[@]}" \
  -env JAVA_HOME=/opt/java -env PATH=/opt/spotbugs/bin:/opt/java/bin:/bin \
  -user 65532:65532 -workdir /tmp) || die "ocibuild failed"
image_built SPOTBUGS "$OUT/spotbugs" "$INPUTS" "$REF"
