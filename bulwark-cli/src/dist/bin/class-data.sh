# shellcheck shell=bash disable=SC2034  # the variables set here are read by bin/bulwark
# Sourced, not run: class-data sharing for the launcher (ADR 0045). A JVM that maps the classes an
# earlier run of the same command loaded, already parsed and verified, starts sooner.
#
# One archive per distribution, JDK and command, in ${BULWARK_CACHE_DIR:-~/.cache/bulwark}/class-data,
# named <distribution>-<build>-<command>.jsa, where <build> is a checksum of the JDK and of every
# jar's name, size and times, so a rebuilt distribution or another JDK never meets an archive of
# another build. The times are the modification time and the change time: a reproducible build
# gives its jars one fixed modification time, so two builds of the same size differ only in when
# their files were written, which no tool can set back. The first run of a command writes the archive at exit into a temporary file,
# moved into place whole afterwards (two first runs at once each write their own; a reader never
# sees half an archive), and removes the archives of the distribution's earlier builds.
# Whatever goes wrong stays silent and costs only the speed-up: the JVM checks an archive (its
# header, and with VerifySharedSpaces its checksums) and runs without it when it does not match;
# an unwritable cache directory means no archive; the JVM's own CDS messages, which it prints to
# standard output, are switched off. BULWARK_CDS=off turns all of it off.

# bulwark_class_data COMMAND SERVER JVM_OPTIONS: sets BULWARK_CDS_OPTS (options for the JVM) and
# BULWARK_CDS_DUMP (the temporary file this run writes its archive to, or empty)
bulwark_class_data() {
  BULWARK_CDS_OPTS=()
  BULWARK_CDS_DUMP=
  BULWARK_CDS_ARCHIVE=
  [ "${BULWARK_CDS:-on}" != off ] || return 0
  local root=${BULWARK_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-}/.cache}/bulwark}
  [ "$root" != /.cache/bulwark ] || return 0
  BULWARK_CDS_DIR=$root/class-data
  local command
  case "$1" in
    [a-z]*) command=${1//[^a-z0-9-]/} ;;
    *) command=default ;;   # --version, --help
  esac
  BULWARK_CDS_HOME_KEY=$(printf '%s' "$BULWARK_HOME" | cksum | cut -d' ' -f1)
  BULWARK_CDS_BUILD_KEY=$({
      echo "$BULWARK_JAVA_HOME $3"
      cat "$BULWARK_JAVA_HOME/release" 2>/dev/null || true
      stat -c '%n %s %Y %Z' "$BULWARK_HOME"/lib/*.jar
    } | cksum | cut -d' ' -f1)
  BULWARK_CDS_ARCHIVE=$BULWARK_CDS_DIR/$BULWARK_CDS_HOME_KEY-$BULWARK_CDS_BUILD_KEY-$command.jsa
  local quiet=('-Xlog:cds*=off')
  # the JDK 25 names some of the same messages "aot"; older JDKs refuse that tag
  [ "$BULWARK_JAVA_MAJOR" -ge 25 ] && quiet+=('-Xlog:aot*=off')
  if [ -f "$BULWARK_CDS_ARCHIVE" ] && [ -r "$BULWARK_CDS_ARCHIVE" ]; then
    BULWARK_CDS_OPTS=("${quiet[@]}" -XX:SharedArchiveFile="$BULWARK_CDS_ARCHIVE" -XX:+VerifySharedSpaces)
    return 0
  fi
  # a server is exec'd (it must receive the signals itself), so nothing is left to move the
  # archive into place afterwards: servers only use archives, never write them
  [ "$2" = 0 ] || return 0
  mkdir -p "$BULWARK_CDS_DIR" 2>/dev/null && [ -w "$BULWARK_CDS_DIR" ] || return 0
  BULWARK_CDS_DUMP=$(mktemp "$BULWARK_CDS_DIR/.dump-XXXXXX.jsa" 2>/dev/null) || { BULWARK_CDS_DUMP=; return 0; }
  BULWARK_CDS_OPTS=("${quiet[@]}" -XX:ArchiveClassesAtExit="$BULWARK_CDS_DUMP")
}

# after a run that wrote an archive: moves it into place and removes the earlier builds' archives
bulwark_class_data_keep() {
  local f
  if [ -s "$BULWARK_CDS_DUMP" ] && mv -f "$BULWARK_CDS_DUMP" "$BULWARK_CDS_ARCHIVE" 2>/dev/null; then
    for f in "$BULWARK_CDS_DIR/$BULWARK_CDS_HOME_KEY"-*.jsa; do
      case "$f" in
        "$BULWARK_CDS_DIR/$BULWARK_CDS_HOME_KEY-$BULWARK_CDS_BUILD_KEY"-*) ;;
        *) rm -f "$f" 2>/dev/null || true ;;
      esac
    done
  fi
  rm -f "$BULWARK_CDS_DUMP" 2>/dev/null || true
}
