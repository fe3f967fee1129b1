import { describe, expect, it } from 'vitest';
import { exampleHook, newHook, toInput, validateHooks } from '../../../../renderer/src/lib/hook-draft.ts';

describe('the example hook the editor opens on', () => {
  it('is valid as it stands, so Save works without an edit', () => {
    expect(validateHooks([exampleHook()])).toEqual([]);
  });

  it('is a post hook on issued certificates that only appends to a log in the home folder', () => {
    const input = toInput(exampleHook());
    expect(input).toMatchObject({ name: 'log-issued', stage: 'post', events: ['ssl_panel.issued'], enabled: true });
    expect(input.command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(input.command[2]).toContain('>> "$HOME/certbell-hooks.log"');
  });

  it('does not clash with the name of a hook added after it', () => {
    expect(newHook([exampleHook()]).name).not.toBe(exampleHook().name);
  });
});
