import { describe, it, expect } from 'vitest';
import { hookFailureDecision, type HookFailureInput } from '../../../../shared/notify/hook.ts';

const INPUT: HookFailureInput = {
  hook: 'deploy', stage: 'success', error: 'exit code 2', aborted: true,
  deliveryId: 'd-7', certificateId: 'cert-1', commonName: 'shop.example.com',
};

describe('hookFailureDecision', () => {
  it('names the hook, its stage, the certificate and the error, and links the delivery', () => {
    expect(hookFailureDecision(INPUT)).toEqual({
      kind: 'hook', title: 'Hook "deploy" failed', urgency: 'normal',
      body: 'shop.example.com: the success hook "deploy" failed (exit code 2). '
        + 'The delivery was aborted; the provider will send it again.',
      certificateId: 'cert-1', deliveryId: 'd-7', commonName: 'shop.example.com',
    });
  });

  it('says the delivery was still processed when the failure was allowed', () => {
    const d = hookFailureDecision({ ...INPUT, stage: 'post', aborted: false });
    expect(d.body).toBe('shop.example.com: the post hook "deploy" failed (exit code 2). The delivery was still processed.');
  });

  it('starts with a capital without a common name', () => {
    const d = hookFailureDecision({ ...INPUT, stage: 'pre', commonName: null, certificateId: null });
    expect(d.body).toMatch(/^The pre hook "deploy" failed \(exit code 2\)\./);
    expect(d.certificateId).toBeNull();
  });

  it('keeps only the first line of a long error, capped', () => {
    const d = hookFailureDecision({ ...INPUT, error: `\nError: ${'x'.repeat(500)}\n    at stack frame` });
    expect(d.body).not.toContain('stack frame');
    expect(d.body).toContain('(Error: xxx');
    expect(d.body.length).toBeLessThan(330);
  });

  it('says "unknown error" when there is none', () => {
    expect(hookFailureDecision({ ...INPUT, error: '  ' }).body).toContain('failed (unknown error).');
  });
});
