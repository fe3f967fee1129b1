import { describe, expect, it } from 'vitest';
import { clientAddress, isLoopback } from '../../../../../electron/core/listener/client-address.ts';

describe('clientAddress (SPEC §11)', () => {
  it('believes the header only from a loopback peer', () => {
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, 'x-forwarded-for')).toBe('203.0.113.5');
    expect(clientAddress('::1', { 'cf-connecting-ip': '2001:db8::7' }, 'cf-connecting-ip')).toBe('2001:db8::7');
    expect(clientAddress('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, 'x-forwarded-for')).toBe('203.0.113.5');
    expect(clientAddress('192.0.2.2', { 'x-forwarded-for': '203.0.113.5' }, 'x-forwarded-for')).toBe('192.0.2.2');
  });

  it('takes the last address of a list: the earlier ones are what the sender wrote', () => {
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': '10.0.0.1, 203.0.113.5' }, 'x-forwarded-for')).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': ['1.1.1.1', '203.0.113.6'] as never }, 'x-forwarded-for')).toBe('203.0.113.6');
  });

  it('keeps the peer with no header configured, no header sent, or a value that is not an address', () => {
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' }, null)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', {}, 'x-forwarded-for')).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', { 'x-forwarded-for': 'evil<script>' }, 'x-forwarded-for')).toBe('127.0.0.1');
  });

  it('matches the header name in any case', () => {
    expect(clientAddress('127.0.0.1', { 'x-real-ip': '203.0.113.8' }, 'X-Real-IP')).toBe('203.0.113.8');
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '', null].some((a) => isLoopback(a))).toBe(false);
  });
});
