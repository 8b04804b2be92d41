// What the backend says of a WebGPU adapter: software (SwiftShader, llvmpipe, a fallback adapter) or a GPU.
import { describe, expect, it } from 'vitest';
import { summariseAdapter } from '@kanjs/backend-webgpu';

describe('summariseAdapter', () => {
  it('counts SwiftShader and fallback adapters as software, a GPU as hardware', () => {
    expect(summariseAdapter({ info: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader driver 5.0.0' } }).software).toBe(true);
    expect(summariseAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15)' } }).software).toBe(true);
    expect(summariseAdapter({ isFallbackAdapter: true }).software).toBe(true);
    expect(summariseAdapter({ info: { vendor: 'nvidia', device: 'nvidia-h200', description: 'NVIDIA: 580.159.04' } }).software).toBe(false);
  });
});
