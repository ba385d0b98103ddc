import { describe, expect, test } from 'vitest';
import { ENDPOINT_SERVICES, EnvironmentProvider, type EnvironmentProviderProps } from '../../src/infra/index.js';
import { MANAGED_TAG_KEYS } from '../../src/config/index.js';
import { synthConstruct } from '../helpers/infraSynth.js';

const base: EnvironmentProviderProps = { app: 'shop', environment: 'staging', region: 'eu-west-1', tags: { team: 'payments' } };
const providerOf = (props: EnvironmentProviderProps) => {
  const json = synthConstruct((scope) => new EnvironmentProvider(scope, 'provider', props));
  expect(json.provider?.['aws']).toHaveLength(1);
  return json.provider!['aws']![0]!;
};

describe('EnvironmentProvider', () => {
  test('region and default tags: app, environment and managed-by over the environment tags', () => {
    const provider = providerOf({ ...base, tags: { team: 'payments', app: 'not-this' } });
    expect(provider['region']).toBe('eu-west-1');
    expect(provider['default_tags']).toEqual([
      { tags: { team: 'payments', app: 'shop', environment: 'staging', 'managed-by': 'ecs-wizard' } },
    ]);
  });

  test('the tags it sets are the ones the schema refuses from users (config MANAGED_TAG_KEYS)', () => {
    const tags = (providerOf({ ...base, tags: {} })['default_tags'] as Array<{ tags: Record<string, string> }>)[0]!.tags;
    expect(Object.keys(tags).sort()).toEqual([...MANAGED_TAG_KEYS].sort());
  });

  test('without an endpoint: no overrides, no skipped checks, no static credentials', () => {
    const provider = providerOf(base);
    for (const key of ['endpoints', 'skip_credentials_validation', 'skip_requesting_account_id', 'access_key', 'secret_key', 's3_use_path_style']) {
      expect(provider[key]).toBeUndefined();
    }
  });

  test('a profile is passed through', () => {
    expect(providerOf({ ...base, profile: 'shop-admin' })['profile']).toBe('shop-admin');
  });

  test('with an endpoint: every used service goes there and the account checks are skipped', () => {
    const provider = providerOf({ ...base, endpoint: 'http://localhost:4566' });
    const endpoints = (provider['endpoints'] as Array<Record<string, string>>)[0]!;
    expect(Object.keys(endpoints).sort()).toEqual([...ENDPOINT_SERVICES].sort());
    expect(new Set(Object.values(endpoints))).toEqual(new Set(['http://localhost:4566']));
    expect(provider).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: 'true',
      skip_region_validation: true,
      s3_use_path_style: true,
      access_key: 'test',
      secret_key: 'test',
    });
  });

  test('with an endpoint and a profile, the profile supplies the credentials', () => {
    const provider = providerOf({ ...base, endpoint: 'http://localhost:4566', profile: 'localstack' });
    expect(provider['profile']).toBe('localstack');
    expect(provider['access_key']).toBeUndefined();
    expect(provider['secret_key']).toBeUndefined();
  });
});
