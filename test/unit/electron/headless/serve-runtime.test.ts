import { describe, expect, it } from 'vitest';
import { commandOf } from '../../../../electron/headless/cli.ts';
import { reexecWithServeFlags, SERVE_V8_FLAGS, serveCommandLine, type Reexec } from '../../../../electron/headless/serve-runtime.ts';

const self = (over: Partial<Reexec> = {}): Reexec => ({
  execPath: '/opt/node', execArgv: ['--enable-source-maps'], argv: ['/opt/node', '/app/certbell.js', 'serve', '--port', '0'], env: { A: '1' },
  execve: () => { throw new Error('not expected'); }, ...over,
});

describe('serve-runtime', () => {
  it('puts the missing flags first, keeps Node options and serve arguments as given', () => {
    expect(serveCommandLine(self())).toEqual(['/opt/node', ...SERVE_V8_FLAGS, '--enable-source-maps', '/app/certbell.js', 'serve', '--port', '0']);
  });

  it('does not re-execute once the flags are there, nor where execve does not exist', () => {
    const calls: string[][] = [];
    const execve = ((file: string, args: string[]) => { calls.push([file, ...args]); }) as unknown as Reexec['execve'];
    reexecWithServeFlags(self({ execArgv: [...SERVE_V8_FLAGS], execve }));
    reexecWithServeFlags(self({ execve: undefined }));
    expect(calls).toEqual([]);
    reexecWithServeFlags(self({ execve }));
    expect(calls).toEqual([['/opt/node', '/opt/node', ...SERVE_V8_FLAGS, '--enable-source-maps', '/app/certbell.js', 'serve', '--port', '0']]);
  });

  it('knows the command behind the common option', () => {
    expect(commandOf(['--data-dir', '/d', 'serve'])).toBe('serve');
    expect(commandOf(['--data-dir=/d', 'serve', '--port', '0'])).toBe('serve');
    expect(commandOf(['deliveries', 'serve'])).toBe('deliveries');
    expect(commandOf([])).toBeUndefined();
  });
});
