# shellcheck shell=bash
# Sourced, not run: sets BULWARK_JAVA_HOME to a JDK of version 21 or newer, or explains and exits.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install places (the machines here default
# to JDK 17 and carry a newer Temurin beside it).

# The JDK's release file names its version without starting a JVM (each JVM start costs about
# 0.1 CPU-s, and the launcher looks at several JDKs); asking java itself is the fallback.
bulwark_java_major() {
  local major=""
  [ -f "$1/release" ] && major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  [ -n "$major" ] || major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  echo "$major"
}

bulwark_find_java() {
  local candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(bulwark_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      BULWARK_JAVA_HOME=$candidate
      BULWARK_JAVA_MAJOR=$major
      return 0
    fi
  done
  echo "bulwark: no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "bulwark: install one (for example: apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
  return 1
}

bulwark_find_java || exit 1
export BULWARK_JAVA_HOME BULWARK_JAVA_MAJOR
