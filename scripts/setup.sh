#!/usr/bin/env bash
# Idempotent project setup. Safe to run from any directory; fast when done.
#   1. npm ci            if node_modules is missing or package-lock.json changed
#   2. Debian packages   python3-nbconvert python3-nbclient jupyter-client python3-ipykernel jupyter-notebook chromium
#                        slurm-wlm munge (a one-node Slurm that tests/sweepSlurm.test.ts starts and stops)
#   3. tslab kernels     registered project-locally in .jupyter/share/jupyter/kernels/{tslab,jslab}
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${SMFG_PYTHON:-/usr/bin/python3}"
# jupyter-notebook (classic Notebook 6.x, Python module `notebook`) is the live UI of `npm run notebooks`.
APT_PKGS=(python3-nbconvert python3-nbclient jupyter-client python3-ipykernel jupyter-notebook)
STAMP="node_modules/.smfg-installed"

log() { echo "[setup] $*" >&2; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

t0=${EPOCHREALTIME/[.,]/}

# ---------------------------------------------------------------- 1. npm deps
command -v node >/dev/null || die "node (>=20) is not on PATH"
command -v npm  >/dev/null || die "npm is not on PATH"
# The stamp holds the sha256 of the package-lock.json that was installed (more
# robust than comparing mtimes, which git checkouts reset).
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
need_npm=0
if [ ! -d node_modules ]; then
  need_npm=1; why="node_modules missing"
elif [ ! -f "$STAMP" ]; then
  need_npm=1; why="no install stamp"
elif [ "$(cat "$STAMP")" != "$lock_hash" ]; then
  need_npm=1; why="package-lock.json changed"
fi
if [ "$need_npm" = 1 ]; then
  log "npm ci ($why) ..."
  rm -f "$STAMP"   # an interrupted install must not look complete
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > "$STAMP"
  log "npm ci done"
else
  log "node_modules up to date"
fi
[ -x node_modules/.bin/tslab ] || die "node_modules/.bin/tslab missing after install"

# ------------------------------------------------------- 2. Python / Jupyter
JUPYTER_MODS="nbconvert, nbclient, ipykernel, jupyter_client, IPython, notebook"
# Fast check (find_spec, ~20ms) instead of importing nbconvert (~1s); the full
# import is used to verify after an install.
jupyter_found() { "$PY" -c "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m.strip()) for m in '$JUPYTER_MODS'.split(',')) else 1)" >/dev/null 2>&1; }
jupyter_ok() { "$PY" -c "import $JUPYTER_MODS" >/dev/null 2>&1; }
# Debian packages still missing: the Jupyter pieces, and Chromium (headless rendering of the
# notebooks' HTML exports and figure images); one apt-get run installs them all.
missing=()
if jupyter_found; then
  log "Jupyter (nbconvert, nbclient, ipykernel, jupyter_client, notebook) present"
else
  log "Jupyter Python modules missing for $PY"
  missing+=("${APT_PKGS[@]}")
fi
if [ -x /usr/bin/chromium ]; then
  log "Chromium present"
else
  log "Chromium missing (/usr/bin/chromium)"
  missing+=(chromium)
fi
# Slurm and munge: `smfg sweep --engine slurm` calls sbatch/squeue/sacct/scancel, and the sweep
# tests run a real one-node cluster from these daemons.
if command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null; then
  log "Slurm (slurm-wlm) and munge present"
else
  log "Slurm or munge missing (sbatch, slurmctld, slurmd, munged)"
  missing+=(slurm-wlm munge)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
      die "not root and no sudo. Please install: apt-get install -y ${missing[*]}"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found. Please install the Debian packages ${missing[*]}"
  "${SUDO[@]}" apt-get update >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >&2
  jupyter_ok || die "Jupyter modules still not importable by $PY after apt-get install"
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium still missing after apt-get install chromium"
  command -v sbatch >/dev/null && command -v munged >/dev/null || die "sbatch or munged still missing after apt-get install slurm-wlm munge"
  log "Debian packages installed"
fi

# ------------------------------------------------ 3. project-local tslab kernel
J="$ROOT/.jupyter"
KDIR="$J/share/jupyter/kernels"
TSLAB_BIN="$ROOT/node_modules/.bin/tslab"
kernel_ok() {
  local k
  for k in tslab jslab; do
    [ -f "$KDIR/$k/kernel.json" ] || return 1
    "$PY" - "$KDIR/$k/kernel.json" "$TSLAB_BIN" <<'PYEOF' || return 1
import json, sys
spec = json.load(open(sys.argv[1]))
sys.exit(0 if spec.get("argv", [None])[0] == sys.argv[2] else 1)
PYEOF
  done
}
if kernel_ok; then
  log "tslab kernel registered in .jupyter"
else
  log "registering tslab/jslab kernels in $J/share/jupyter/kernels ..."
  # Same environment as scripts/jupyter.sh so nothing is written under $HOME.
  export JUPYTER_DATA_DIR="$J/data" JUPYTER_CONFIG_DIR="$J/config" \
         JUPYTER_RUNTIME_DIR="$J/runtime" IPYTHONDIR="$J/ipython"
  mkdir -p "$J/share/jupyter/kernels" "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR" "$IPYTHONDIR"
  rm -rf "$KDIR/tslab" "$KDIR/jslab"
  node_modules/.bin/tslab install --python "$PY" --binary "$TSLAB_BIN" --prefix "$J" >&2 \
    || die "tslab install failed"
  kernel_ok || die "tslab kernelspec not found in $KDIR after install"
  log "tslab kernel registered"
fi

log "ready ($(( (${EPOCHREALTIME/[.,]/} - t0) / 1000 )) ms)"
