#!/usr/bin/env bash
# Builds the solution and runs every test, after installing (on Debian) the system packages the tests
# need when they are missing. Extra arguments go to `dotnet test`:
#   ./test.sh --filter "Category!=Browser"
# Results: artifacts/test-results/results.trx (screenshots and other test output also land in artifacts/).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- System packages -------------------------------------------------------------------------------
# postgresql: server binaries (initdb, pg_ctl) for the tests' private cluster; chromium: Playwright's
# browser; fonts-noto-cjk / fonts-noto-core: Japanese, Korean, Chinese and other scripts in
# screenshots; libgdiplus: ClosedXML's image and column-width code; libreoffice-calc-nogui: reading
# back the Excel files the tests write; docker-compose: .ci/run validates docker-compose.yml with it;
# dovecot-imapd: the bounce reader's tests run a private Dovecot of their own as a real IMAP mailbox.

is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

install_missing_packages() {
    if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "test.sh: not a Debian system; make sure PostgreSQL's server binaries, Chromium (/usr/bin/chromium)," \
            "Noto CJK fonts, libgdiplus, LibreOffice Calc and Dovecot (/usr/sbin/dovecot) are installed." >&2
        return 0
    fi

    local missing=()
    if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null 2>&1; then
        missing+=(postgresql)
    fi
    local package
    for package in chromium fonts-noto-cjk fonts-noto-core libgdiplus libreoffice-calc-nogui docker-compose dovecot-imapd; do
        is_installed "$package" || missing+=("$package")
    done

    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi

    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            as_root=(sudo)
        else
            echo "test.sh: missing packages: ${missing[*]}. Not root and no sudo: install them with" \
                "'apt-get install --no-install-recommends ${missing[*]}' as root. Continuing without them." >&2
            return 0
        fi
    fi

    echo "test.sh: installing missing packages: ${missing[*]}"
    if ! ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || ! ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        echo "test.sh: could not install ${missing[*]}; continuing, tests that need them will fail." >&2
    fi
}

# --- PostgreSQL servers left behind by killed test runs ----------------------------------------------
# The tests keep their cluster in ${TMPDIR:-/tmp}/consultation-tests-cluster/<test process id>. A
# server whose test process is gone is a leftover: stop it (fast shutdown). Only `postgres` processes
# whose command line names such a folder are considered, so neither this script, nor a system
# PostgreSQL, nor the cluster of a test run still going elsewhere on the machine is touched.

stop_leftover_test_servers() {
    local proc pid comm args owner stopped=()
    for proc in /proc/[0-9]*; do
        pid=${proc#/proc/}
        [ "$pid" = "$$" ] && continue
        comm=$(cat "$proc/comm" 2>/dev/null) || continue
        [ "$comm" = postgres ] || continue
        args=$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null) || continue
        [[ $args =~ consultation-tests-cluster/([0-9]+) ]] || continue
        owner=${BASH_REMATCH[1]}
        # The test run that started it is still going (its test host is alive): leave it alone.
        if [ -r "/proc/$owner/cmdline" ] && tr '\0' ' ' <"/proc/$owner/cmdline" 2>/dev/null | grep -Eq 'testhost|dotnet'; then
            continue
        fi
        # This is the postmaster (its children's command lines do not name the folder); they follow it.
        if kill -INT "$pid" 2>/dev/null; then
            stopped+=("$pid")
        fi
    done

    [ ${#stopped[@]} -eq 0 ] && return 0
    echo "test.sh: stopping PostgreSQL left running by an earlier test run (pid ${stopped[*]})"
    local i
    for ((i = 0; i < 50; i++)); do
        local alive=0
        for pid in "${stopped[@]}"; do
            [ -d "/proc/$pid" ] && alive=1
        done
        [ "$alive" -eq 0 ] && return 0
        sleep 0.2
    done
    for pid in "${stopped[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

install_missing_packages
stop_leftover_test_servers

# --- Tests -------------------------------------------------------------------------------------------
results="$PWD/artifacts/test-results"
mkdir -p "$results"
find "$results" -name '*.trx' -type f -delete

exec dotnet test Consultation.sln \
    --logger "trx;LogFileName=results.trx" \
    --results-directory "$results" \
    "$@"
