import { BRIDGE_METHODS, type IpcChannel } from '../shared/ipc/channels';
import type { CaudalBridge } from '../shared/ipc/contract';

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * The object the preload exposes as `window.caudal`: one named method per
 * channel and nothing generic, so the page cannot reach a channel the
 * contract does not list. Types come from the contract; validation happens
 * in the main process, which is the side that must not trust the caller.
 */
export function createBridge(invoke: Invoke): Required<CaudalBridge> {
  const bridge: Required<CaudalBridge> = {
    openFiles: (request) => invoke('files:open', request) as ReturnType<CaudalBridge['openFiles']>,
    readFile: (request) => invoke('files:read', request) as ReturnType<CaudalBridge['readFile']>,
    saveFile: (request) => invoke('files:save', request) as ReturnType<CaudalBridge['saveFile']>,
    appInfo: () => invoke('app:info') as ReturnType<CaudalBridge['appInfo']>,
    wrapAnalystKey: (request) => invoke('keystore:wrap', request) as ReturnType<Required<CaudalBridge>['wrapAnalystKey']>,
    unwrapAnalystKey: (request) => invoke('keystore:unwrap', request) as ReturnType<Required<CaudalBridge>['unwrapAnalystKey']>,
    saveBeside: (request) => invoke('files:saveBeside', request) as ReturnType<Required<CaudalBridge>['saveBeside']>,
  };
  // The method names are pinned to the channel list, so a new channel without a method fails here, not at runtime.
  const expected: readonly string[] = Object.values(BRIDGE_METHODS);
  if (Object.keys(bridge).length !== expected.length || !Object.keys(bridge).every((name) => expected.includes(name))) {
    throw new Error('The preload bridge and shared/ipc/channels.ts disagree on the method list');
  }
  return bridge;
}
