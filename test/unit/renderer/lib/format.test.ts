import { describe, expect, it } from 'vitest';
import { notShownText, shellWords } from '../../../../renderer/src/lib/format.ts';

describe('notShownText', () => {
  it('says in words why a notification was not shown', () => {
    expect(notShownText('no-notifier')).toBe('not shown: no notification service to show it');
    expect(notShownText('kind-off')).toBe('not shown: this kind is switched off');
    expect(notShownText('quiet-hours')).toBe('not shown: quiet hours');
    expect(notShownText('disabled')).toBe('not shown: notifications are switched off');
    expect(notShownText('paused')).toBe('not shown: paused');
  });

  it('keeps a code it does not know, and says only "not shown" without one', () => {
    expect(notShownText('later-code')).toBe('not shown: later-code');
    expect(notShownText(null)).toBe('not shown');
  });
});

describe('shellWords', () => {
  it('quotes the words a shell would split or interpret, and only those', () => {
    expect(shellWords(['cloudflared', 'tunnel', '--url', 'http://127.0.0.1:{port}'])).toBe('cloudflared tunnel --url http://127.0.0.1:{port}');
    expect(shellWords(['sh', '-c', 'echo starting; sleep 1000'])).toBe("sh -c 'echo starting; sleep 1000'");
    expect(shellWords(['echo', "it's", ''])).toBe("echo 'it'\\''s' ''");
  });
});
