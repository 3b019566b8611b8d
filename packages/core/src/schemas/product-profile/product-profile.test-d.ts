import { describe, expectTypeOf, it } from 'vitest';
import type {
  Duration,
  ProductProfile,
  ProductProfileInput,
  ProfileAdvice,
  SafeParseResult,
  ValidationError,
} from '../../index.js';
import { parseProductProfile, safeParseProductProfile } from './parse-profile.js';

describe('ProductProfile types', () => {
  it('infers the support period basis as a closed union', () => {
    expectTypeOf<ProductProfile['lifecycle']['supportPeriod']['basis']>().toEqualTypeOf<
      'model' | 'unit'
    >();
  });

  it('fills in defaults on the output type', () => {
    expectTypeOf<ProductProfile['documentation']>().not.toBeUndefined();
    expectTypeOf<ProductProfile['standards']>().toBeArray();
    expectTypeOf<
      ProductProfile['updatePolicy']['automaticSecurityUpdates']
    >().toEqualTypeOf<boolean>();
    expectTypeOf<ProductProfile['updatePolicy']['freeOfCharge']>().toEqualTypeOf<boolean>();
    expectTypeOf<ProductProfile['sbom']['sharedWithUsers']>().toEqualTypeOf<boolean>();
    expectTypeOf<ProductProfile['product']['securityProperties']>().toEqualTypeOf<string[]>();
  });

  it('makes fields with defaults optional on the input type', () => {
    expectTypeOf<ProductProfileInput['documentation']>().toEqualTypeOf<
      ProductProfile['documentation'] | undefined
    >();
    expectTypeOf<ProductProfileInput['updatePolicy']['automaticSecurityUpdates']>().toEqualTypeOf<
      boolean | undefined
    >();
    expectTypeOf<ProductProfileInput['lifecycle']['supportPeriod']['basis']>().toEqualTypeOf<
      'model' | 'unit' | undefined
    >();
    expectTypeOf<ProductProfileInput['sbom']['sharedWithUsers']>().toEqualTypeOf<
      boolean | undefined
    >();
    // A hand-written profile may leave them out; a parsed one always has them.
    type Omitted = 'standards' | 'documentation';
    expectTypeOf<Omit<ProductProfileInput, Omitted>>().toExtend<ProductProfileInput>();
    expectTypeOf<Omit<ProductProfile, Omitted>>().not.toExtend<ProductProfile>();
  });

  it('keeps required fields required on both types', () => {
    expectTypeOf<ProductProfileInput['manufacturer']['securityContact']>().not.toBeUndefined();
    expectTypeOf<ProductProfile['schemaVersion']>().toEqualTypeOf<1>();
    expectTypeOf<ProductProfile['classification']['category']>().toEqualTypeOf<
      'default' | 'important-class-i' | 'important-class-ii' | 'critical'
    >();
    expectTypeOf<ProductProfile['conformityAssessment']['procedure']>().toEqualTypeOf<
      'module-a' | 'module-b-c' | 'module-h' | 'eu-certification-scheme'
    >();
  });

  it('types durations as optional whole years and months', () => {
    expectTypeOf<Duration>().toEqualTypeOf<{
      years?: number | undefined;
      months?: number | undefined;
    }>();
  });

  it('types the parse functions', () => {
    expectTypeOf(parseProductProfile).parameter(0).toBeUnknown();
    expectTypeOf(parseProductProfile).returns.toEqualTypeOf<ProductProfile>();
    expectTypeOf(safeParseProductProfile).returns.toEqualTypeOf<SafeParseResult<ProductProfile>>();
    const result = safeParseProductProfile({});
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<ProductProfile>();
    else expectTypeOf(result.error).toEqualTypeOf<ValidationError>();
  });

  it('types advice as read-only warnings', () => {
    expectTypeOf<ProfileAdvice['severity']>().toEqualTypeOf<'warning'>();
    expectTypeOf<ProfileAdvice['path']>().toEqualTypeOf<readonly (string | number)[]>();
  });
});
