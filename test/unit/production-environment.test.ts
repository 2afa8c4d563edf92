import { describe, expect, it } from 'vitest';
import { isProductionEnvironment } from '../../src/config/production-environment.ts';

describe('isProductionEnvironment', () => {
  it.each([
    ['production', {}, true],
    ['Prod', {}, true],
    ['preprod', {}, false],
    ['production-eu', {}, false],
    ['staging', {}, false],
    ['preprod', { production_environment: true }, true],
    ['production', { production_environment: false }, false],
  ])('%s %j → %s', (name, env, expected) => {
    expect(isProductionEnvironment(name, env)).toBe(expected);
  });
});
