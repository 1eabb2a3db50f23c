import { describe, expect, it } from 'vitest';
import { backendOrder, describeAdapter } from '../../../workers/support/backend-choice.ts';
import type { WebGpuProbe } from '../../../src/client/protocol.ts';

describe('describeAdapter', () => {
  it('calls SwiftShader software (what Chromium reports with --enable-unsafe-webgpu and no GPU)', () => {
    expect(
      describeAdapter({ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }),
    ).toEqual({
      api: true,
      adapter: true,
      software: true,
      description: 'google / swiftshader (SwiftShader, software)',
    });
  });

  it('calls a fallback adapter software', () => {
    const probe = describeAdapter({ vendor: 'acme', architecture: 'cpu', isFallbackAdapter: true });
    expect(probe.software).toBe(true);
    expect(probe.description).toBe('acme / cpu (fallback adapter, software)');
    expect(describeAdapter({ vendor: 'acme' }, true).software).toBe(true);
  });

  it('calls a hardware adapter hardware', () => {
    const probe = describeAdapter({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false });
    expect(probe).toEqual({ api: true, adapter: true, software: false, description: 'nvidia / hopper' });
  });
});

describe('backendOrder', () => {
  const none: WebGpuProbe = { api: true, adapter: false, software: false, description: '' };
  const software: WebGpuProbe = { api: true, adapter: true, software: true, description: '' };
  const hardware: WebGpuProbe = { api: true, adapter: true, software: false, description: '' };

  it('tries webgpu first only on a hardware adapter', () => {
    expect(backendOrder(hardware, 'auto')).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendOrder(software, 'auto')).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder(none, 'auto')).toEqual(['wasm', 'webgl', 'cpu']);
  });

  it('tries an explicit choice alone', () => {
    expect(backendOrder(none, 'webgpu')).toEqual(['webgpu']);
    expect(backendOrder(hardware, 'cpu')).toEqual(['cpu']);
  });
});
