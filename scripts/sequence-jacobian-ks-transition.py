#!/usr/bin/python3
"""The transition check's outside numbers: the nonlinear perfect-foresight transition of the
sequence-space Jacobian toolkit's Krusell-Smith example (github shade-econ/sequence-jacobian,
Auclert, Bardoczy, Rognlie and Straub, Econometrica 2021) after a TFP shock, computed by the
toolkit itself, with its timings on this machine.

The economy is the one of scripts/sequence-jacobian-ks.py (its calibration, beta and TFP fixed, the
steady state re-solved in K); the shock is the tutorial's: Z_t = Z (1 + 0.01 * 0.8^t) over
T = 300 periods, solved by `solve_impulse_nonlinear` (the household Jacobian by the fake-news
algorithm, then quasi-Newton on the path of K). The stored path is solved to a tight tolerance
(max |A_t - K_t| < 1e-12, SJ_TOL); the timing uses the toolkit's default (1e-8) and, separately,
the tight one. Timings: wall seconds of each run after one warm-up (numba compiled), medians.
Prints one JSON object (tests/fixtures/sequence-jacobian-ks-transition.json holds its output):

    git --git-dir=<mirror of shade-econ/sequence-jacobian> archive HEAD | tar -x -C /tmp/sj
    apt-get install -y python3-numba python3-numpy python3-scipy
    SJ_COMMIT=<commit> PYTHONPATH=/tmp/sj/src /usr/bin/python3 scripts/sequence-jacobian-ks-transition.py > tests/fixtures/sequence-jacobian-ks-transition.json
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import numba
import scipy

import sequence_jacobian as sj
from sequence_jacobian import create_model, hetblocks
from sequence_jacobian.examples import krusell_smith as ks_example

REPEATS = int(os.environ.get('SJ_REPEATS', '3'))
YEARS = 300
SHOCK, PERSISTENCE = 0.01, 0.8
TIGHT = float(os.environ.get('SJ_TOL', '1e-12'))
CALIBRATION = {'eis': 1.0, 'delta': 0.025, 'alpha': 0.11, 'rho': 0.966, 'sigma': 0.5,
               'L': 1.0, 'nS': 7, 'nA': 500, 'amax': 200}


def timed(fn, repeats=REPEATS):
    result = fn()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return result, seconds


def toolkit_commit():
    src = os.path.dirname(os.path.dirname(os.path.abspath(sj.__file__)))
    try:
        return subprocess.run(['git', '-C', src, 'rev-parse', 'HEAD'], capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return os.environ.get('SJ_COMMIT', 'unknown')


def main():
    household = hetblocks.hh_sim.hh.add_hetinputs([ks_example.income, ks_example.make_grids])
    ks = create_model([household, ks_example.firm, ks_example.mkt_clearing], name='Krusell-Smith')
    calibrated = ks.solve_steady_state(CALIBRATION, {'beta': 0.98, 'Z': 0.85, 'K': 3.0},
                                       {'r': 0.01, 'Y': 1.0, 'asset_mkt': 0.0}, solver='hybr')
    beta, tfp = float(calibrated['beta']), float(calibrated['Z'])
    ss = ks.solve_steady_state({**CALIBRATION, 'beta': beta, 'Z': tfp}, {'K': (2.8, 4.0)}, {'asset_mkt': 0.0}, solver='brentq')
    assert abs(ss['asset_mkt']) < 1e-8

    shock = {'Z': SHOCK * tfp * PERSISTENCE ** np.arange(YEARS)}
    iterations = {}

    def solve(tol):
        def run():
            # the toolkit prints each iteration's error when verbose; count them from its output
            import io, contextlib
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                path = ks.solve_impulse_nonlinear(ss, ['K'], ['asset_mkt'], shock, tol=tol, verbose=True)
            iterations[tol] = [float(line.split('is')[-1]) for line in buffer.getvalue().splitlines() if 'max error' in line]
            return path
        return run

    path_default, default_seconds = timed(solve(1e-8))
    path, tight_seconds = timed(solve(TIGHT))
    r = float(ss['r']) + path['r']
    K = float(ss['K']) + path['K']
    out = {
        'source': 'github:shade-econ/sequence-jacobian, examples/krusell_smith.py blocks; solve_impulse_nonlinear',
        'toolkitCommit': toolkit_commit(),
        'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__, 'numba': numba.__version__},
        'calibration': {'beta': beta, 'tfp': tfp, **CALIBRATION},
        'steadyState': {'r': float(ss['r']), 'w': float(ss['w']), 'K': float(ss['K']), 'Y': float(ss['Y']), 'C': float(ss['C'])},
        'shock': {'variable': 'Z', 'size': SHOCK, 'persistence': PERSISTENCE, 'years': YEARS,
                  'formula': 'Z_t = Z (1 + size * persistence^t), t = 0..years-1; K_t is capital at the end of period t (used in t + 1), K_{-1} = K_ss'},
        'tolerance': TIGHT,
        'errors': {'tight': iterations[TIGHT], 'default1e-8': iterations[1e-8]},
        'path': {
            'r': r.tolist(), 'w': (float(ss['w']) + path['w']).tolist(), 'K': K.tolist(),
            'Y': (float(ss['Y']) + path['Y']).tolist(), 'C': (float(ss['C']) + path['C']).tolist(),
            'A': (float(ss['A']) + path['A']).tolist(),
        },
        'maxDifferenceDefaultVsTight': {'r': float(np.max(np.abs(path_default['r'] - path['r']))), 'K': float(np.max(np.abs(path_default['K'] - path['K'])))},
        'timings': {
            'repeats': REPEATS,
            'note': f'wall seconds after one warm-up run (numba compiled); {os.cpu_count()} cores; Jacobian (fake news) + Newton, from the steady state',
            'transition300Default': {'median': statistics.median(default_seconds), 'runs': default_seconds},
            'transition300Tight': {'median': statistics.median(tight_seconds), 'runs': tight_seconds},
        },
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
