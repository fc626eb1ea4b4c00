#!/usr/bin/env bash
# Run a Jupyter tool with the project-local Jupyter environment.
#
#   bash scripts/jupyter.sh nbconvert --execute --to notebook notebooks/00-smoke.ipynb
#   bash scripts/jupyter.sh notebook notebooks        # live Jupyter (classic Notebook 6, jupyter-notebook)
#   bash scripts/jupyter.sh jupyter kernelspec list
#
# Everything after the script name is passed to `/usr/bin/python3 -m`.
# `notebook` (what `npm run notebooks` runs) also gets what a live server needs anywhere: it
# listens on 127.0.0.1 only, starts as root too (--allow-root; containers run as root), opens no
# browser when there is no display, and prints the URL to open, token included. The port is
# $SMFG_NOTEBOOK_PORT (default 8888, or a free one when 8888 is taken) and the token
# $SMFG_NOTEBOOK_TOKEN (default: a new random one). The user's own --port, --ip,
# --port-retries and --NotebookApp.token win over these defaults.
# The tslab/jslab kernelspecs registered by scripts/setup.sh live in
# <project>/.jupyter/share/jupyter; data, runtime, config and IPython dirs are
# also redirected into <project>/.jupyter so nothing is written to $HOME.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${SMFG_PYTHON:-/usr/bin/python3}"
J="$ROOT/.jupyter"

export JUPYTER_PATH="$J/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_DATA_DIR="$J/data"
export JUPYTER_CONFIG_DIR="$J/config"
export JUPYTER_RUNTIME_DIR="$J/runtime"
export IPYTHONDIR="$J/ipython"
# Silence debugpy's "frozen modules" banner printed by ipykernel on Python 3.11.
export PYDEVD_DISABLE_FILE_VALIDATION=1
mkdir -p "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR" "$IPYTHONDIR"
chmod 700 "$JUPYTER_RUNTIME_DIR" 2>/dev/null || true

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/jupyter.sh <python module> [args...]   (e.g. nbconvert, notebook, jupyter)" >&2
  exit 2
fi

mod="$1"
# Friendly message instead of a ModuleNotFoundError stack trace.
if [ "${mod#-}" = "$mod" ] && ! "$PY" -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('$mod') else 1)" 2>/dev/null; then
  case "$mod" in
    notebook)   pkg="jupyter-notebook";;   # Debian bookworm: jupyter-notebook -> python3-notebook 6.4
    nbconvert)  pkg="python3-nbconvert";;
    nbclient)   pkg="python3-nbclient";;
    jupyter|jupyter_core) pkg="python3-jupyter-core";;
    jupyter_client) pkg="jupyter-client";;
    ipykernel)  pkg="python3-ipykernel";;
    *)          pkg="";;
  esac
  echo "error: Python module '$mod' is not available for $PY." >&2
  if [ -n "$pkg" ]; then
    echo "       On Debian/Ubuntu install it with: sudo apt-get install -y $pkg" >&2
  fi
  if [ "$mod" = notebook ]; then
    echo "       (Headless execution does not need it: node scripts/run-notebooks.mjs)" >&2
  fi
  exit 1
fi

# The tslab kernel must start from the project tree so relative imports such as
# '../dist/...' and node_modules resolution work; nbconvert already runs the
# kernel in the notebook's directory.
if [ -z "${SMFG_QUIET_JUPYTER:-}" ] && [ ! -f "$J/share/jupyter/kernels/tslab/kernel.json" ]; then
  echo "warning: tslab kernel not registered in $J; run: bash scripts/setup.sh" >&2
fi

if [ "$mod" = notebook ]; then
  shift
  # The user's own Jupyter flags win over these defaults: a setting given twice (--port 8877
  # beside our --NotebookApp.port) stops Jupyter with "port only accepts one value", so a
  # default is left out when the user gives it, in any spelling (--port 1, --port=1,
  # --NotebookApp.port=1), and the URL printed below shows the user's value.
  user_port="" user_ip="" user_token="" user_retries=""
  args=("$@")
  for ((k = 0; k < ${#args[@]}; k++)); do
    a="${args[$k]}"
    case "$a" in
      --port=*|--NotebookApp.port=*) user_port="${a#*=}";;
      --port|--NotebookApp.port) user_port="${args[$((k + 1))]:-}";;
      --ip=*|--NotebookApp.ip=*) user_ip="${a#*=}";;
      --ip|--NotebookApp.ip) user_ip="${args[$((k + 1))]:-}";;
      --NotebookApp.token=*) user_token="${a#*=}"; [ -n "$user_token" ] || user_token="(none)";;
      --NotebookApp.token) user_token="${args[$((k + 1))]:-}"; [ -n "$user_token" ] || user_token="(none)";;
      --port-retries|--port-retries=*|--NotebookApp.port_retries|--NotebookApp.port_retries=*) user_retries=1;;
    esac
  done
  if [ -n "$user_port" ]; then
    port="$user_port"
  elif [ -n "${SMFG_NOTEBOOK_PORT:-}" ]; then
    port="$SMFG_NOTEBOOK_PORT"
  else
    port="$("$PY" -c "
import socket
s = socket.socket()
try:
    s.bind(('127.0.0.1', 8888))
except OSError:
    s.bind(('127.0.0.1', 0))
print(s.getsockname()[1])
s.close()")"
  fi
  server=()
  [ -n "$user_ip" ] || server+=(--NotebookApp.ip=127.0.0.1)
  [ -n "$user_port" ] || server+=(--NotebookApp.port="$port")
  [ -n "$user_retries" ] || server+=(--NotebookApp.port_retries=0)
  if [ -n "$user_token" ]; then
    token="$user_token"
  else
    token="${SMFG_NOTEBOOK_TOKEN:-$("$PY" -c "import secrets; print(secrets.token_hex(24))")}"
    server+=(--NotebookApp.token="$token")
  fi
  [ "$(id -u)" = 0 ] && server+=(--allow-root)
  [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && server+=(--no-browser)
  host="${user_ip:-127.0.0.1}"
  case "$host" in 0.0.0.0|'*'|'') host=127.0.0.1;; esac
  echo "[notebooks] Jupyter Notebook with the tslab TypeScript kernel; open" >&2
  if [ "$token" = "(none)" ]; then
    echo "[notebooks]   http://$host:$port/tree" >&2
  else
    echo "[notebooks]   http://$host:$port/tree?token=$token" >&2
  fi
  echo "[notebooks] (Ctrl-C twice to stop)" >&2
  # SMFG_JUPYTER_PRINT_ARGS=1: print the final command, one word a line, instead of starting it
  if [ -n "${SMFG_JUPYTER_PRINT_ARGS:-}" ]; then
    printf '%s\n' "$PY" -m notebook "${server[@]}" "$@"
    exit 0
  fi
  exec "$PY" -m notebook "${server[@]}" "$@"
fi

exec "$PY" -m "$@"
