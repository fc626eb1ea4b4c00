#!/usr/bin/python3
"""The textbook check's outside numbers: the Krusell-Smith steady state of the sequence-space
Jacobian toolkit (github shade-econ/sequence-jacobian, Auclert, Bardoczy, Rognlie and Straub,
Econometrica 2021), computed by the toolkit itself, with its own timings on this machine.

Calibration: the toolkit's Krusell-Smith tutorial (notebooks/krusell_smith.ipynb) with the blocks
of its example module (examples/krusell_smith.py: firm, market clearing, the standard incomplete
markets household of hetblocks/hh_sim.py, the Rouwenhorst chain and the log-spaced asset grid):
log utility (eis = 1), alpha = 0.11, delta = 0.025, rho = 0.966, sd = 0.5 (the stationary sd of log
ability), 7 ability nodes, 500 asset points on [0, 200], L = 1. Its discount factor beta and TFP Z
are calibrated as the tutorial does (r = 0.01, Y = 1), then FIXED; with them the steady state is
solved again as an equilibrium (unknown K, target: the asset market), which is what our solver
does. Prints one JSON object (tests/fixtures/sequence-jacobian-ks.json holds its output).

    git --git-dir=<mirror of shade-econ/sequence-jacobian> archive HEAD | tar -x -C /tmp/sj
    apt-get install -y python3-numba python3-numpy python3-scipy
    PYTHONPATH=/tmp/sj/src /usr/bin/python3 scripts/sequence-jacobian-ks.py > tests/fixtures/sequence-jacobian-ks.json
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

REPEATS = int(os.environ.get('SJ_REPEATS', '5'))
TRANSITION_YEARS = 300

CALIBRATION = {'eis': 1.0, 'delta': 0.025, 'alpha': 0.11, 'rho': 0.966, 'sigma': 0.5,
               'L': 1.0, 'nS': 7, 'nA': 500, 'amax': 200}


def timed(fn, repeats=REPEATS):
    """Median wall seconds of `repeats` runs, after one warm-up run (numba compiles on the first)."""
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

    # 1. The tutorial's calibration: beta, Z and K such that r = 0.01, Y = 1 and the asset market clears.
    calibrate = lambda: ks.solve_steady_state(CALIBRATION, {'beta': 0.98, 'Z': 0.85, 'K': 3.0},
                                              {'r': 0.01, 'Y': 1.0, 'asset_mkt': 0.0}, solver='hybr')
    calibrated, calibrate_seconds = timed(calibrate)
    beta, tfp = float(calibrated['beta']), float(calibrated['Z'])

    # 2. beta and Z fixed: the steady state as an equilibrium in K (Brent on the asset market). The
    #    bracket keeps beta (1 + r) < 1 (r < 0.0184 here, K > 2.5): above it wealth has no stationary
    #    distribution, the toolkit's residual is NaN and scipy's Brent returns a wrong root silently.
    fixed = {**CALIBRATION, 'beta': beta, 'Z': tfp}
    solve = lambda: ks.solve_steady_state(fixed, {'K': (2.8, 4.0)}, {'asset_mkt': 0.0}, solver='brentq')
    ss, steady_seconds = timed(solve)
    internals = ss.internals[household.name]
    assert abs(ss['asset_mkt']) < 1e-8, f"asset market residual {ss['asset_mkt']}"

    # 3. A 300-period transition after a 1 % TFP shock with persistence 0.8 (the tutorial's MIT
    #    shock), from scratch: the Jacobian by the fake-news algorithm, then quasi-Newton steps.
    shock = {'Z': 0.01 * tfp * 0.8 ** np.arange(TRANSITION_YEARS)}
    transition = lambda: ks.solve_impulse_nonlinear(ss, ['K'], ['asset_mkt'], shock, verbose=False)
    path, transition_seconds = timed(transition)

    out = {
        'source': 'github:shade-econ/sequence-jacobian, examples/krusell_smith.py blocks with the notebooks/krusell_smith.ipynb calibration',
        'toolkitCommit': toolkit_commit(),
        'versions': {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__, 'numba': numba.__version__},
        'calibration': {
            'crra': 1.0 / CALIBRATION['eis'], 'alpha': CALIBRATION['alpha'], 'delta': CALIBRATION['delta'],
            'abilityPersistence': CALIBRATION['rho'], 'logAbilityStationarySd': CALIBRATION['sigma'],
            'abilityNodes': CALIBRATION['nS'], 'assetPoints': CALIBRATION['nA'], 'assetMax': CALIBRATION['amax'],
            'labor': CALIBRATION['L'], 'beta': beta, 'tfp': tfp,
            'calibrationTargets': {'r': 0.01, 'Y': 1.0},
        },
        'grids': {
            'ability': internals['e_grid'].tolist(),
            'abilityStationary': sj.utilities.discretize.stationary(internals['Pi']).tolist(),
            'transition': internals['Pi'].tolist(),
            'assets': internals['a_grid'].tolist(),
        },
        'steadyState': {
            'r': float(ss['r']), 'w': float(ss['w']), 'K': float(ss['K']), 'Y': float(ss['Y']),
            'A': float(ss['A']), 'C': float(ss['C']), 'assetMarket': float(ss['asset_mkt']),
            # the policy at a few states, to compare beyond aggregates
            'policySample': {
                'assetIndices': [0, 100, 250, 400, 499],
                'assetsNext': internals['a'][:, [0, 100, 250, 400, 499]].tolist(),
            },
        },
        'transition': {
            'years': TRANSITION_YEARS, 'shock': 'Z_t = Z (1 + 0.01 * 0.8^t)',
            'rFirstYears': (float(ss['r']) + path['r'][:5]).tolist(),
            'KFirstYears': (float(ss['K']) + path['K'][:5]).tolist(),
        },
        'timings': {
            'repeats': REPEATS,
            'note': 'wall seconds after one warm-up run (numba compiled); machine: ' + f'{os.cpu_count()} cores',
            'calibrationHybr': {'median': statistics.median(calibrate_seconds), 'runs': calibrate_seconds},
            'steadyStateFixedBeta': {'median': statistics.median(steady_seconds), 'runs': steady_seconds},
            'transition300': {'median': statistics.median(transition_seconds), 'runs': transition_seconds},
        },
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
