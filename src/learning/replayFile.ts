/**
 * The replay buffer on disk, for resuming: append-only segment files (replay/000000300-000000600.bin),
 * one per saved epoch, holding the transitions added since the previous save, each written
 * atomically. A resumed run reads back the segments that cover its buffer's window, in order,
 * which rebuilds the buffer slot for slot; segments older than the window are deleted.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic.js';
import { CheckpointError } from './checkpoint.js';
import type { ReplayBuffer } from './replay.js';

const MAGIC = 0x534d4652; // 'SMFR'
const HEADER_BYTES = 32;

function segmentName(from: number, to: number): string {
  return `${String(from).padStart(9, '0')}-${String(to).padStart(9, '0')}.bin`;
}

/** Saves transitions [from, buffer.totalAdded) as one segment; drops segments the buffer no longer holds. */
export function writeReplaySegment(folder: string, buffer: ReplayBuffer, from: number): void {
  const to = buffer.totalAdded;
  if (to > from) {
    const { leader, followers } = buffer.segment(from, to);
    const body = new Uint8Array(leader.byteLength + followers.byteLength);
    body.set(new Uint8Array(leader.buffer), 0);
    body.set(new Uint8Array(followers.buffer), leader.byteLength);
    const header = new DataView(new ArrayBuffer(HEADER_BYTES));
    header.setUint32(0, MAGIC, true);
    header.setUint32(4, buffer.n, true);
    header.setFloat64(8, from, true);
    header.setFloat64(16, to - from, true);
    header.setUint32(24, buffer.layout.size, true);
    const bytes = new Uint8Array(HEADER_BYTES + body.length);
    bytes.set(new Uint8Array(header.buffer), 0);
    bytes.set(body, HEADER_BYTES);
    writeFileAtomic(join(folder, segmentName(from, to)), bytes);
  }
  const oldest = Math.max(0, to - buffer.capacity);
  for (const s of listSegments(folder)) if (s.to <= oldest) rmSync(join(folder, s.file), { force: true });
}

function listSegments(folder: string): { file: string; from: number; to: number }[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((file) => /^(\d{9})-(\d{9})\.bin$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[0], from: Number(m[1]), to: Number(m[2]) }))
    .sort((a, b) => a.from - b.from);
}

/**
 * Refills an empty buffer with the saved transitions up to `total` (the checkpoint's count), from
 * `start` on (a run that restarted after a stall holds only its latest attempt's years).
 */
export function restoreReplay(folder: string, buffer: ReplayBuffer, total: number, start = 0): void {
  if (buffer.totalAdded !== 0) throw new RangeError('restoreReplay needs an empty buffer');
  const oldest = Math.max(start, total - buffer.capacity);
  const segments = listSegments(folder).filter((s) => s.to > oldest && s.from < total);
  let at = segments.length > 0 ? segments[0].from : 0;
  if (total > 0 && (segments.length === 0 || at > oldest)) throw new CheckpointError(`${folder}: replay segments do not cover transitions [${oldest}, ${total}) that the checkpoint needs`);
  for (const s of segments) {
    if (s.from !== at) throw new CheckpointError(`${folder}/${s.file}: starts at transition ${s.from}, expected ${at} (a segment is missing)`);
    const bytes = readFileSync(join(folder, s.file));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < HEADER_BYTES || view.getUint32(0, true) !== MAGIC) throw new CheckpointError(`${folder}/${s.file}: not a replay segment`);
    const n = view.getUint32(4, true);
    const count = view.getFloat64(16, true);
    if (n !== buffer.n) throw new CheckpointError(`${folder}/${s.file}: made for ${n} households, the run has ${buffer.n}`);
    const slotSize = buffer.layout.size;
    if (view.getUint32(24, true) !== slotSize) throw new CheckpointError(`${folder}/${s.file}: leader slots of ${view.getUint32(24, true)} values, the run's are ${slotSize} (another replay format, or another set of leader instruments)`);
    const leaderBytes = count * slotSize * 8;
    const followerBytes = count * buffer.followerSlot * 4;
    if (bytes.length !== HEADER_BYTES + leaderBytes + followerBytes) throw new CheckpointError(`${folder}/${s.file}: ${bytes.length} bytes, expected ${HEADER_BYTES + leaderBytes + followerBytes} (truncated)`);
    // keep only what the checkpoint had (a later segment may exist if the run died after writing it)
    const keep = Math.min(count, total - s.from);
    const body = bytes.subarray(HEADER_BYTES);
    const leader = new Float64Array(keep * slotSize);
    new Uint8Array(leader.buffer).set(body.subarray(0, keep * slotSize * 8));
    const followers = new Float32Array(keep * buffer.followerSlot);
    new Uint8Array(followers.buffer).set(body.subarray(leaderBytes, leaderBytes + keep * buffer.followerSlot * 4));
    buffer.restoreSegment(s.from, leader, followers);
    at = s.from + keep;
  }
  if (at !== total) throw new CheckpointError(`${folder}: replay segments end at transition ${at}, the checkpoint has ${total}`);
}
