# shellcheck shell=bash
# The parts of an image that runs a JVM with no base image (operator-image.sh, spotbugs-image.sh):
# a runtime linked by jlink from the host's JDK with the modules the jars need, the shared
# libraries it loads (from the host's Debian packages), the non-root account, and the reuse of an
# archive whose inputs did not change. Sourced; the caller defines log and die.

# image_inputs FILE...: one digest of the files' contents and of the line on stdin (the name).
image_inputs() {
  { cat; sha256sum "$@" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1
}

# image_reused KEY BASE INPUTS: when BASE.tar was built from INPUTS, prints its lines of
# images.env (KEY_IMAGE=..., KEY_ARCHIVE=...) and succeeds: the jlink and compression that every
# tools/build-images.sh would otherwise pay are skipped.
image_reused() {
  local key=$1 base=$2 inputs=$3
  [ -s "$base.tar" ] && [ -s "$base.ref" ] && [ "$(cat "$base.inputs" 2>/dev/null)" = "$inputs" ] \
    || return 1
  log "$(cat "$base.ref") (inputs unchanged)"
  image_env "$key" "$base"
}

# image_built KEY BASE INPUTS REF: records what BASE.tar was built from and prints its lines.
image_built() {
  local key=$1 base=$2 inputs=$3 ref=$4
  echo "$ref" > "$base.ref" && echo "$inputs" > "$base.inputs"
  log "$ref ($(du -h "$base.tar" | cut -f1))"
  image_env "$key" "$base"
}

image_env() {
  echo "${1}_IMAGE=$(cat "$2.ref")"
  echo "${1}_ARCHIVE=$2.tar"
}

# jre_modules JDK JAR...: the modules jdeps finds in the jars, comma-separated.
jre_modules() {
  local jdk=$1 modules
  shift
  modules=$("$jdk/bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps \
    "$@" 2>/dev/null | tail -n 1) || die "jdeps failed"
  [[ $modules =~ ^java\.[a-z.,]+$|^[a-z.,]+$ ]] || die "jdeps printed no module list: $modules"
  echo "$modules"
}

# jre_link JDK MODULES DEST: a stripped runtime of those modules at DEST. JDKs without jmods
# (JEP 493) link from their own run-time image; either way the output is a function of the JDK
# and the module list.
jre_link() {
  local jdk=$1 modules=$2 dest=$3
  log "jlink --add-modules $modules"
  "$jdk/bin/jlink" --add-modules "$modules" --output "$dest" --strip-debug \
    --no-header-files --no-man-pages --compress=zip-6 >&2 || die "jlink failed"
  # java.desktop comes in for java.beans (Jackson, SnakeYAML) or SpotBugs' unused GUI; the
  # images are headless, so the native parts that would drag X11 and ALSA in go.
  rm -f "$dest"/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so
}

# jre_host_libraries ROOTFS DIR: the libraries the runtime in ROOTFS/DIR loads (the launcher,
# libjvm and every JNI library), from the host's Debian packages, at the paths the dynamic loader
# looks in; symbolic links resolved, each logged with its package and version.
jre_host_libraries() {
  local rootfs=$1 dir=$2 libs lib package
  libs=$(find "$rootfs$dir" \( -name '*.so' -o -path '*/bin/java' \) -type f -exec ldd {} \; 2>/dev/null |
    sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | grep -v "^$rootfs/" | sort -u)
  for lib in $libs; do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
    package=$(dpkg -S "$lib" 2>/dev/null | cut -d: -f1 | head -n1 || true)
    log "$lib from ${package:-?} $(dpkg-query -W -f='${Version}' "${package:-none}" 2>/dev/null || true)"
  done
}

# jre_accounts ROOTFS: root and nonroot (65532), the user the images run as.
jre_accounts() {
  mkdir -p "$1/etc"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$1/etc/passwd"
  printf 'root:x:0:\nnonroot:x:65532:\n' > "$1/etc/group"
}
