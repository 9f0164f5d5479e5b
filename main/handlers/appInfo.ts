import type { IpcResponse } from '../../shared/ipc';

export function createAppInfoHandler(info: IpcResponse<'app:info'>) {
  const frozen = Object.freeze({ ...info });
  return async (): Promise<IpcResponse<'app:info'>> => ({ ...frozen });
}
