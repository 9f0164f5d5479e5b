import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../main/bridge';
import { BRIDGE_METHODS, IPC_CHANNELS } from '../../shared/ipc';

describe('the preload bridge', () => {
  it('has one named method per channel and nothing generic', () => {
    const bridge = createBridge(vi.fn());
    expect(Object.keys(bridge).sort()).toEqual(Object.values(BRIDGE_METHODS).sort());
    expect(Object.keys(bridge)).toHaveLength(IPC_CHANNELS.length);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('send');
  });

  it('sends each method to its own channel with exactly the request it was given', async () => {
    const invoke = vi.fn(async () => 'answer');
    const bridge = createBridge(invoke);
    const request = { token: 'f'.repeat(32), offset: 0, length: 1 };
    await bridge.readFile(request);
    await bridge.openFiles({ filters: [], multiple: true });
    await bridge.saveFile({ suggestedName: 'a.pdf', bytes: new Uint8Array([1]) });
    await bridge.appInfo();
    expect(invoke.mock.calls).toEqual([
      ['files:read', request],
      ['files:open', { filters: [], multiple: true }],
      ['files:save', { suggestedName: 'a.pdf', bytes: new Uint8Array([1]) }],
      ['app:info'],
    ]);
  });
});
