import { describe, expect, it } from 'vitest';
import { BodyBudget } from '../../../../../electron/core/listener/body-budget.ts';

describe('BodyBudget', () => {
  it('takes bytes while they fit, refuses what would not, and takes them again once released', () => {
    let max = 100;
    const budget = new BodyBudget(() => max);
    expect(budget.take(60)).toBe(true);
    expect(budget.take(41)).toBe(false);
    expect(budget.bytes).toBe(60);
    expect(budget.take(40)).toBe(true);
    budget.release(60);
    expect(budget.take(50)).toBe(true);
    max = 50;
    expect(budget.take(1)).toBe(false);
  });
});
