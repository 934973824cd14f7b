# shellcheck shell=bash
# Source this file to point JAVA_HOME and PATH at a JDK 21 or newer.
#
#   . scripts/java-home.sh
#
# An explicit $JAVA_HOME wins if it is a JDK 21+. Otherwise the newest JDK 21+ is
# taken from: `java` on PATH, /usr/lib/jvm/*, /opt/java/*, /opt/jdk*,
# ~/.sdkman/candidates/java/* and (macOS) /Library/Java/JavaVirtualMachines/*.
# Returns (or exits, when executed) with status 1 if there is none.

_ragops_min_java=21

# Prints the major version of the JDK in $1 (a JAVA_HOME), or nothing.
_ragops_java_major() {
  local home=$1 line ver=
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  if [[ -f "$home/release" ]]; then
    line=$(grep -m1 '^JAVA_VERSION=' "$home/release" 2>/dev/null || true)
    ver=${line#JAVA_VERSION=}
  fi
  if [[ -z "$ver" ]]; then
    # e.g.  openjdk version "25" 2025-09-16  /  java version "1.8.0_402"
    line=$("$home/bin/java" -version 2>&1 | grep -m1 -i 'version' || true)
    ver=${line#*version \"}
    [[ "$ver" != "$line" ]] || return 0
  fi
  ver=${ver//\"/}
  [[ "$ver" == 1.* ]] && ver=${ver#1.}
  ver=${ver%%[!0-9]*}
  [[ -n "$ver" ]] && printf '%s\n' "$ver"
  return 0
}

# Picks the JDK; sets _ragops_found_home / _ragops_found_major.
_ragops_find_java() {
  local cand major best='' best_major=0 java_bin seen=''
  local -a cands=()
  _ragops_found_home=
  _ragops_found_major=

  # 1. An explicit JAVA_HOME that is new enough is used as is.
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(_ragops_java_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge "$_ragops_min_java" ]]; then
      _ragops_found_home=$JAVA_HOME
      _ragops_found_major=$major
      return 0
    fi
    echo "note: JAVA_HOME=$JAVA_HOME is not a JDK $_ragops_min_java+, looking for another" >&2
  fi

  # 2. Everything else: the newest one wins (the earlier one on a tie).
  if java_bin=$(command -v java 2>/dev/null); then
    java_bin=$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")
    cands+=("${java_bin%/bin/java}")
  fi
  for cand in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${HOME:-}"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$cand" ]] && cands+=("$(readlink -f "$cand" 2>/dev/null || printf '%s' "$cand")")
  done

  for cand in ${cands[@]+"${cands[@]}"}; do
    [[ " $seen " == *" $cand "* ]] && continue # symlinked duplicates
    seen+=" $cand"
    major=$(_ragops_java_major "$cand")
    if [[ -n "$major" && "$major" -ge "$_ragops_min_java" && "$major" -gt "$best_major" ]]; then
      best=$cand
      best_major=$major
    fi
  done
  [[ -n "$best" ]] || return 1
  _ragops_found_home=$best
  _ragops_found_major=$best_major
}

if _ragops_find_java; then
  export JAVA_HOME=$_ragops_found_home
  case "$PATH:" in
    "$JAVA_HOME/bin:"*) ;; # already first
    *) export PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  unset -f _ragops_java_major _ragops_find_java
  unset _ragops_min_java _ragops_found_home _ragops_found_major
else
  unset -f _ragops_java_major _ragops_find_java
  unset _ragops_min_java _ragops_found_home _ragops_found_major
  {
    echo "ragops needs a JDK, version 21 or newer, and none was found"
    echo "(looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman)."
    echo "Install one, e.g. Temurin 21 or 25 (apt-get install temurin-21-jdk, or https://adoptium.net),"
    echo "then set JAVA_HOME to it."
  } >&2
  # shellcheck disable=SC2317  # 'exit' is reached only when this file is executed, not sourced
  return 1 2>/dev/null || exit 1
fi
