#!/usr/bin/env bash
# Bulwark's own distribution (bulwark-cli/target/bulwark), built before the images so that
# tools/build-images.sh (40-node.sh) can put the operator in an image for the in-cluster tests
# (OperatorInClusterTest runs in bulwark-testkit, long before the reactor packages bulwark-cli).
# A no-op while the distribution is newer than every main source file and POM.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=bulwark-cli/src/dist/bin/find-java.sh
. bulwark-cli/src/dist/bin/find-java.sh
export JAVA_HOME=$BULWARK_JAVA_HOME
# A stamp of our own: the jars carry the fixed time of reproducible builds (1980), not the build's.
stamp=bulwark-cli/target/.distribution-built
if compgen -G "bulwark-cli/target/bulwark/lib/bulwark-cli-*.jar" >/dev/null && [ -e "$stamp" ] \
  && [ -z "$(find . -path ./node_modules -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
    -newer "$stamp" -type f -print -quit)" ]; then
  exit 0
fi
echo "38-distribution: ./mvnw package -pl bulwark-cli -am -DskipTests (for the operator image)" >&2
./mvnw -B -ntp -q package -pl bulwark-cli -am -DskipTests >&2
touch "$stamp"
