# Sourced by .ci/run and ./coreos-watch: the one place that finds a JDK 21+ (Debian's default java is 17).
# jdk_select keeps JAVA_HOME when it is a JDK 21+, else takes the first JDK 21+ among the candidates
# (COREOS_WATCH_JDK_DIRS when set, for tests; else the Temurin 25 and 21 packages, then /usr/lib/jvm/*)
# and, last, the JDK of the javac on PATH. It exports JAVA_HOME and puts its bin first on PATH; without
# a JDK 21+ it says what to install and returns 1.

# The Java specification version of a JDK as a whole number (17, 21, 25; 1.8 reads as 1); 0 if none.
jdk_major() {
  local version
  version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  version=${version%%.*}
  [[ $version =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# A JDK (javac beside java) of version 21 or newer.
jdk_usable() {
  [[ -n $1 && -x $1/bin/java && -x $1/bin/javac ]] && (($(jdk_major "$1") >= 21))
}

jdk_select() {
  local candidate candidates javac
  if [[ -n ${JAVA_HOME:-} ]] && jdk_usable "$JAVA_HOME"; then
    candidates=("$JAVA_HOME")
  elif [[ -n ${COREOS_WATCH_JDK_DIRS:-} ]]; then
    read -r -a candidates <<<"$COREOS_WATCH_JDK_DIRS"
  else
    candidates=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*)
  fi
  if javac=$(command -v javac 2>/dev/null); then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$javac")")")")
  fi
  for candidate in "${candidates[@]}"; do
    if jdk_usable "$candidate"; then
      export JAVA_HOME=$candidate
      export PATH=$JAVA_HOME/bin:$PATH
      return 0
    fi
  done
  echo "no JDK 21 or newer found (JAVA_HOME${JAVA_HOME:+=$JAVA_HOME}, ${COREOS_WATCH_JDK_DIRS:-/usr/lib/jvm/*}, javac on PATH):" \
    "install one (Temurin 21+ from packages.adoptium.net; Debian 13: apt-get install openjdk-21-jdk-headless)" \
    "or point JAVA_HOME at it" >&2
  return 1
}
