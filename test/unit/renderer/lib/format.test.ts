import { describe, expect, it } from 'vitest';
import { notShownText } from '../../../../renderer/src/lib/format.ts';

describe('notShownText', () => {
  it('says in words why a notification was not shown', () => {
    expect(notShownText('no-notifier')).toBe('not shown: no notification service to show it');
    expect(notShownText('kind-off')).toBe('not shown: this kind is switched off');
    expect(notShownText('quiet-hours')).toBe('not shown: quiet hours');
    expect(notShownText('disabled')).toBe('not shown: notifications are switched off');
  });

  it('keeps a code it does not know, and says only "not shown" without one', () => {
    expect(notShownText('later-code')).toBe('not shown: later-code');
    expect(notShownText(null)).toBe('not shown');
  });
});
