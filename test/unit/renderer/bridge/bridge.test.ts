import { describe, expect, it } from 'vitest';
import { pickTransport } from '../../../../renderer/src/bridge/bridge.ts';
import * as http from '../../../../renderer/src/bridge/http-transport.ts';
import { BridgeError } from '../../../../renderer/src/bridge/bridge-error.ts';
import type { CertbellPreload } from '../../../../renderer/src/bridge/ipc-transport.ts';

describe('which transport the views use', () => {
  it('IPC when the desktop preload exposed window.certbell, with the same errors as HTTP', async () => {
    const calls: unknown[] = [];
    const certbell: CertbellPreload = {
      call: async (method, params) => {
        calls.push([method, params]);
        return method === 'status' ? { ok: true, result: { total: 3 } } : { ok: false, status: 404, error: 'no delivery "x"' };
      },
      onEvent: () => () => {},
    };
    const transport = pickTransport({ certbell });
    expect(await transport.call('status')).toEqual({ total: 3 });
    expect(calls).toEqual([['status', {}]]);
    const error = await transport.call('deliveries.get', { id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ status: 404, message: 'deliveries.get: no delivery "x"' });
  });

  it('HTTP in a browser page (the headless face)', () => {
    const transport = pickTransport({});
    expect(transport.call).toBe(http.call);
    expect(transport.subscribe).toBe(http.subscribe);
  });
});
