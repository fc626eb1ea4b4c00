/**
 * A real one-node Slurm cluster for tests, started and stopped by the test (no systemd): munged
 * on its own socket and key, slurmctld and slurmd from a slurm.conf written here with this
 * machine's host name and core count, everything in one temporary folder removed at the end.
 * Clients (sbatch, squeue, scancel) find the cluster through SLURM_CONF in `env`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';

const PROGRAMS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'scontrol', 'sinfo'];

/** Why a cluster cannot start here, or null when it can. */
export function slurmSkipReason(): string | null {
  if (process.getuid?.() !== 0) return 'the one-node Slurm needs root (slurmd runs jobs as their user); run the tests as root, as CI does';
  const missing = PROGRAMS.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);
  if (missing.length > 0) return `Slurm or munge is not installed (${missing.join(', ')} missing): bash scripts/setup.sh installs slurm-wlm and munge`;
  return null;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SlurmCluster {
  dir: string;
  env: NodeJS.ProcessEnv;
  cpus: number;
  /** Runs a Slurm client command against this cluster. */
  run(program: string, args: string[]): { status: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

function pidOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startSlurm(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-slurm-'));
  chmodSync(dir, 0o755);
  const host = hostname();
  const cpus = availableParallelism();
  for (const sub of ['state', 'spool']) mkdirSync(join(dir, sub));
  const key = join(dir, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge.socket');
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=smfgtest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      'SlurmUser=root',
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket}`,
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/slurmctld.log`,
      `SlurmdLogFile=${dir}/slurmd.log`,
      // the settings design.md lists as working on this machine (no cgroups, no systemd)
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'AccountingStorageType=accounting_storage/none',
      'JobAcctGatherType=jobacct_gather/none',
      'JobCompType=jobcomp/none',
      'MpiDefault=none',
      'ReturnToService=2',
      'KillWait=5',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=1000 State=UNKNOWN`,
      `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const run = (program: string, args: string[]) => {
    const r = spawnSync(program, args, { env, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? r.error.message : '') };
  };
  const cluster: SlurmCluster = {
    dir,
    env,
    cpus,
    run,
    async stop() {
      run('scontrol', ['shutdown']);
      const pids = ['slurmctld.pid', 'slurmd.pid'].map((f) => pidOf(join(dir, f))).filter((p): p is number => p !== null);
      for (let k = 0; k < 100 && pids.some(alive); k++) await sleep(100);
      for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
      spawnSync('munged', ['--stop', `--socket=${socket}`]);
      const munged = pidOf(join(dir, 'munged.pid'));
      if (munged !== null && alive(munged)) process.kill(munged, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    const started = (program: string, args: string[]) => {
      const r = spawnSync(program, args, { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${program} failed to start (exit ${r.status}): ${r.stderr}`);
    };
    started('munged', ['--force', `--socket=${socket}`, `--key-file=${key}`, `--log-file=${dir}/munged.log`, `--pid-file=${dir}/munged.pid`, `--seed-file=${dir}/munged.seed`]);
    started('slurmctld', ['-f', conf]);
    started('slurmd', ['-f', conf]);
    for (let k = 0; ; k++) {
      const state = run('sinfo', ['--noheader', '--format=%T']).stdout.trim();
      if (state === 'idle') break;
      if (k > 300) throw new Error(`the node did not become idle in 30 s (sinfo: '${state}'); slurmctld.log:\n${existsSync(join(dir, 'slurmctld.log')) ? readFileSync(join(dir, 'slurmctld.log'), 'utf8').slice(-2000) : ''}`);
      await sleep(100);
    }
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
