import { describe, it, expect } from 'vitest';
import { cap, capitalize, certificateSubject, firstLine, highestUrgency, isoDay, listNames, parseTime, plural } from '../../../../shared/notify/text.ts';

describe('wording helpers', () => {
  it('cap keeps short text and cuts long text with an ellipsis, counting characters not code units', () => {
    expect(cap('short', 10)).toBe('short');
    expect(cap('abcdefghij', 10)).toBe('abcdefghij');
    expect(cap('abcdefghijk', 10)).toBe('abcdefghi…');
    expect(cap('🔒'.repeat(20), 5)).toBe('🔒🔒🔒🔒…');
  });

  it('firstLine takes the first non-blank line, trimmed', () => {
    expect(firstLine('  one \n two')).toBe('one');
    expect(firstLine('\n\n\tthree\r\nfour')).toBe('three');
    expect(firstLine('')).toBe('');
    expect(firstLine(null)).toBe('');
  });

  it('plural', () => {
    expect([plural(1, 'day'), plural(2, 'day'), plural(0, 'delivery', 'deliveries')]).toEqual(['1 day', '2 days', '0 deliveries']);
  });

  it('listNames joins names the way a sentence does, capped', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b'])).toBe('a and b');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listNames(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });

  it('isoDay gives the UTC day of a date, or null', () => {
    expect(isoDay('2026-06-15T23:30:00-02:00')).toBe('2026-06-16');
    expect(isoDay('2026-06-15')).toBe('2026-06-15');
    expect([isoDay(null), isoDay(''), isoDay('never')]).toEqual([null, null, null]);
    expect(parseTime('2026-06-15T00:00:00Z')).toBe(Date.UTC(2026, 5, 15));
  });

  it('certificateSubject never re-cases a host name', () => {
    expect(certificateSubject('www.example.com', 'id', true)).toBe('www.example.com');
    expect(certificateSubject(null, '09a704cb-3598', true)).toBe('Certificate 09a704cb');
    expect(certificateSubject(null, null)).toBe('a certificate');
    expect(capitalize('')).toBe('');
  });

  it('highestUrgency', () => {
    expect(highestUrgency([])).toBe('low');
    expect(highestUrgency(['low', 'normal'])).toBe('normal');
    expect(highestUrgency(['critical', 'low', 'normal'])).toBe('critical');
  });
});
