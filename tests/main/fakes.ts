import type { FrameLike, IpcInvokeEventLike, IpcMainLike } from '../../main/ports';

export const MAIN_FRAME: FrameLike = { url: 'app://caudal/index.html', parent: null, processId: 4, routingId: 1 };

export function eventFrom(frame: FrameLike | null): IpcInvokeEventLike {
  return { senderFrame: frame };
}

/** Captures what main/ registers with ipcMain.handle, and invokes it as Electron would. */
export function fakeIpcMain() {
  const listeners = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      listeners.set(channel, listener);
    },
  };
  return {
    ipcMain,
    channels: () => [...listeners.keys()].sort(),
    async invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
      const listener = listeners.get(channel);
      if (!listener) throw new Error(`No handler registered for '${channel}'`);
      return listener(event, ...args);
    },
  };
}
