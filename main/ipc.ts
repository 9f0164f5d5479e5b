import type { z } from 'zod';
import type { IpcChannel } from '../shared/ipc';
import { isAppUrl } from './security';
import type { FrameLike, IpcInvokeEventLike, IpcMainLike } from './ports';

/**
 * Every IPC entry point goes through `validatedHandle`, in the manner of
 * VS Code's validatedIpcMain and Signal's parseUnknown: the sender must be
 * the main window's top frame on the app:// origin, and the payload must
 * parse against the channel's zod schema. A compromised or confused
 * renderer gets an error naming the channel and the field, never a partial
 * action.
 */
export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
  constructor(
    readonly channel: string,
    detail: string,
  ) {
    super(`${channel}: ${detail}`);
  }
}

function fieldOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return path ? `${path}.${keys}` : keys;
  }
  return path || 'payload';
}

/** "offset: Too small: expected number to be >=0; token: a file token is 32 lowercase hex digits" */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldOf(issue)}: ${issue.message}`).join('; ');
}

export type SenderCheck = (event: IpcInvokeEventLike) => boolean;

/**
 * Accepts only the top frame of the main window, and only while it shows the
 * app:// origin. Frames are compared by process and routing id: a subframe,
 * another window, or a page that navigated elsewhere is refused.
 */
export function createSenderCheck(getMainFrame: () => FrameLike | null | undefined): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    const mainFrame = getMainFrame();
    if (!frame || !mainFrame) return false;
    if (frame.parent !== null) return false;
    if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) return false;
    return isAppUrl(frame.url);
  };
}

export type ValidatedHandle = <Request extends z.ZodType, Response extends z.ZodType>(
  channel: IpcChannel,
  schemas: { request: Request; response: Response },
  handler: (request: z.output<Request>, event: IpcInvokeEventLike) => Promise<z.input<Response>> | z.input<Response>,
) => void;

export function createValidatedHandle(ipcMain: IpcMainLike, isTrustedSender: SenderCheck): ValidatedHandle {
  return (channel, schemas, handler) => {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        throw new IpcRefusedError(channel, 'sender: the request did not come from the Caudal window');
      }
      if (args.length > 1) throw new IpcRefusedError(channel, `payload: expected one argument, received ${args.length}`);
      const parsed = schemas.request.safeParse(args[0]);
      if (!parsed.success) throw new IpcRefusedError(channel, describeIssues(parsed.error));
      const result = await handler(parsed.data, event);
      // The response is checked too, so the contract cannot drift silently on either side.
      const checked = schemas.response.safeParse(result);
      if (!checked.success) throw new IpcRefusedError(channel, `response: ${describeIssues(checked.error)}`);
      return checked.data;
    });
  };
}
