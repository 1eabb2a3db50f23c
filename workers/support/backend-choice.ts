import type { TrainerBackend, WebGpuProbe } from '../../src/client/protocol.ts';

/** The fields of a WebGPU `GPUAdapterInfo` the trainer looks at. */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/**
 * Describes a WebGPU adapter and decides whether it is software: a fallback adapter, or
 * SwiftShader (Chromium's CPU implementation) by vendor, architecture or description.
 *
 * @example
 * ```ts
 * describeAdapter({ vendor: 'google', architecture: 'swiftshader' }).software; // true
 * ```
 */
export function describeAdapter(info: AdapterInfoLike, isFallbackAdapter = false): WebGpuProbe {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter(
    (part, i, all): part is string => !!part && all.indexOf(part) === i,
  );
  const text = parts.join(' / ') || 'unnamed adapter';
  const swiftShader = /swiftshader/i.test(parts.join(' '));
  const software = isFallbackAdapter || info.isFallbackAdapter === true || swiftShader;
  const why = swiftShader ? 'SwiftShader, software' : 'fallback adapter, software';
  return { api: true, adapter: true, software, description: software ? `${text} (${why})` : text };
}

/**
 * Backends to try, fastest first: webgpu only on a hardware adapter, then wasm, webgl, cpu
 * (on machines without a GPU, wasm beats webgl and software WebGPU). An explicit choice is tried alone.
 *
 * @example
 * ```ts
 * backendOrder({ api: true, adapter: true, software: true, description: '' }, 'auto'); // ['wasm', 'webgl', 'cpu']
 * ```
 */
export function backendOrder(probe: WebGpuProbe, requested: 'auto' | TrainerBackend): TrainerBackend[] {
  if (requested !== 'auto') return [requested];
  const hardwareGpu = probe.adapter && !probe.software;
  return hardwareGpu ? ['webgpu', 'wasm', 'webgl', 'cpu'] : ['wasm', 'webgl', 'cpu'];
}
