import { describe, expect, it } from 'vitest';
import { publicWebhookUrl, urlExtractor } from '../../../../../electron/core/tunnel/url-extractor.ts';
import { backoffDelay } from '../../../../../electron/core/tunnel/backoff.ts';

describe('urlExtractor without a pattern', () => {
  const extract = urlExtractor(null);

  it("skips cloudflared's terms link and finds the quick tunnel's URL in its box", () => {
    expect(extract('INF ... subject to the Cloudflare Online Services Terms of Use (https://www.cloudflare.com/website-terms/), and')).toBeNull();
    expect(extract('2026-11-23T23:00:00Z INF |  https://tender-fox-lake.trycloudflare.com                          |'))
      .toBe('https://tender-fox-lake.trycloudflare.com');
  });

  it("finds ngrok's url= field and ignores colours and http URLs", () => {
    expect(extract('t=2026 lvl=info msg="started tunnel" obj=tunnels name=command_line addr=http://localhost:7413 url=https://ab12.ngrok-free.app'))
      .toBe('https://ab12.ngrok-free.app');
    expect(extract('\u001b[32mForwarding\u001b[0m https://x.example.net -> http://localhost:7413')).toBe('https://x.example.net');
    expect(extract('listening on http://127.0.0.1:7413')).toBeNull();
  });

  it('drops trailing punctuation', () => {
    expect(extract('abc.lhr.life tunneled with tls termination, https://abc.lhr.life.')).toBe('https://abc.lhr.life');
  });
});

describe('urlExtractor with tunnel.urlPattern', () => {
  it('takes the named group "url", else the first group, else the whole match', () => {
    expect(urlExtractor('at (?<url>http://\\S+) now')('ready at http://127.0.0.1:5000 now')).toBe('http://127.0.0.1:5000');
    expect(urlExtractor('url=(\\S+)')('url=https://a.example/x')).toBe('https://a.example/x');
    expect(urlExtractor('https://[a-z0-9]+\\.lhr\\.life')('see https://admin.localhost.run/ or https://abc123.lhr.life'))
      .toBe('https://abc123.lhr.life');
    expect(urlExtractor('never')('https://a.example')).toBeNull();
  });
});

describe('publicWebhookUrl', () => {
  it('is tunnel.publicUrl as it is, else the tunnel URL plus the listener path', () => {
    expect(publicWebhookUrl('https://a.example', '/webhook', null)).toBe('https://a.example/webhook');
    expect(publicWebhookUrl('https://a.example/', '/hooks/op', null)).toBe('https://a.example/hooks/op');
    expect(publicWebhookUrl('https://a.example', '/webhook', 'https://fixed.example/in')).toBe('https://fixed.example/in');
    expect(publicWebhookUrl(null, '/webhook', null)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const settings = { baseMs: 1_000, capMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n, settings)))
      .toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });
});
