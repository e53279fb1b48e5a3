#!/bin/sh
# A stand-in for a command that a script under test calls: it records the call and answers as
# its rules say. $FAKE_DIR holds calls.log (one line per call: the name and arguments, and the
# BAO_TOKEN it ran with, if any) and rules, one per line, tab-separated:
#   <once|always> <glob over "name arguments"> <exit code> <stdout, with printf %b escapes>
# The first matching rule answers; a "once" rule is used up. No match: no output, exit 0.
name=$(basename "$0")
call="$name $*"
printf '%s\n' "$call${BAO_TOKEN:+ [token=$BAO_TOKEN]}" >> "$FAKE_DIR/calls.log"
tab=$(printf '\t')
line=0
# shellcheck disable=SC2094 # sed replaces the rules file, and the loop ends right after
while IFS="$tab" read -r mode pattern code out; do
  line=$((line + 1))
  # shellcheck disable=SC2254 # the rule is a glob on purpose
  case "$call" in
    $pattern)
      if [ "$mode" = once ]; then
        sed -i "${line}d" "$FAKE_DIR/rules"
      fi
      printf '%b' "$out"
      exit "$code"
      ;;
  esac
done < "$FAKE_DIR/rules"
exit 0
