import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { backendCandidates, chooseBackend } from '../../../../src/ml/tf/choose-backend.ts';

describe('chooseBackend', () => {
  it('orders webgpu only on hardware adapters; Node tries wasm then cpu', () => {
    expect(backendCandidates({ node: true, hardwareGpu: false })).toEqual(['wasm', 'cpu']);
    expect(backendCandidates({ node: false, hardwareGpu: false })).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendCandidates({ node: false, hardwareGpu: true })).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendCandidates({ node: true, hardwareGpu: false }, 'cpu')).toEqual(['cpu', 'wasm']);
  });

  it('starts wasm in Node from node_modules, and cpu when forced', async () => {
    const choice = await chooseBackend();
    expect(choice).toEqual({ backend: 'wasm', skipped: [], platform: 'node' });
    expect(tf.getBackend()).toBe('wasm');
    // 2·3 + 1·4 computed on wasm
    const t = tf.tensor2d([[2, 1]]).matMul(tf.tensor2d([[3], [4]]));
    expect(Array.from(await t.data())).toEqual([10]);
    tf.dispose(t);
    expect((await chooseBackend({ force: 'cpu' })).backend).toBe('cpu');
    await expect(chooseBackend({ force: 'webgl' })).rejects.toThrow(/force another backend/);
    await chooseBackend({ force: 'cpu' });
  });
});
