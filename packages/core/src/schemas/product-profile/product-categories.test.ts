import { describe, expect, it } from 'vitest';
import {
  ANNEX_ENTRIES,
  AnnexEntryIdSchema,
  PRODUCT_CATEGORIES,
  ProductCategorySchema,
  findAnnexEntry,
} from '@cra-kit/core';

// One keyword per point, in the order of Annex III (Class I, Class II) and Annex IV of
// Regulation (EU) 2024/2847 as consolidated 20.11.2024.
const CLASS_I = [
  'Identity management',
  'browsers',
  'Password managers',
  'malware',
  'VPN',
  'Network management',
  'SIEM',
  'Boot managers',
  'Public key infrastructure',
  'network interfaces',
  'Operating systems',
  'Routers',
  'Microprocessors',
  'Microcontrollers',
  'FPGA',
  'virtual assistants',
  'Smart home products with security functionalities',
  'toys',
  'wearables',
];
const CLASS_II = [
  'Hypervisors',
  'Firewalls',
  'Tamper-resistant microprocessors',
  'Tamper-resistant microcontrollers',
];
const CRITICAL = ['security boxes', 'Smart meter gateways', 'secure elements'];

describe('PRODUCT_CATEGORIES', () => {
  it('are the four categories of Art. 7 and Art. 8', () => {
    expect(PRODUCT_CATEGORIES).toEqual([
      'default',
      'important-class-i',
      'important-class-ii',
      'critical',
    ]);
    expect(ProductCategorySchema.safeParse('important').success).toBe(false);
  });
});

describe('ANNEX_ENTRIES', () => {
  const byCategory = (category: string) => ANNEX_ENTRIES.filter((e) => e.category === category);

  it.each([
    ['important-class-i', 'annex-iii.class-i', 'Annex III, Class I', CLASS_I],
    ['important-class-ii', 'annex-iii.class-ii', 'Annex III, Class II', CLASS_II],
    ['critical', 'annex-iv', 'Annex IV', CRITICAL],
  ])(
    'lists every point of %s in the order of the Act',
    (category, idPrefix, citation, keywords) => {
      const entries = byCategory(category);
      expect(entries).toHaveLength(keywords.length);
      entries.forEach((entry, i) => {
        expect(entry.id).toBe(`${idPrefix}.${i + 1}`);
        expect(entry.citation).toBe(`${citation}, point ${i + 1}`);
        expect(entry.title.toLowerCase()).toContain(keywords[i]?.toLowerCase());
      });
    },
  );

  it('has 26 entries with unique ids, and is frozen', () => {
    expect(ANNEX_ENTRIES).toHaveLength(26);
    expect(new Set(ANNEX_ENTRIES.map((e) => e.id)).size).toBe(26);
    expect(Object.isFrozen(ANNEX_ENTRIES)).toBe(true);
  });

  it('puts no entry in the default category', () => {
    expect(ANNEX_ENTRIES.some((e) => (e.category as string) === 'default')).toBe(false);
  });
});

describe('AnnexEntryIdSchema and findAnnexEntry', () => {
  it('accept exactly the ids of ANNEX_ENTRIES', () => {
    for (const entry of ANNEX_ENTRIES) {
      expect(AnnexEntryIdSchema.safeParse(entry.id).success).toBe(true);
      expect(findAnnexEntry(entry.id)).toBe(entry);
    }
    for (const bad of [
      'annex-iii.class-i.20',
      'annex-iii.class-ii.5',
      'annex-iv.4',
      'annex-iii.class-i.0',
      '',
    ]) {
      expect(AnnexEntryIdSchema.safeParse(bad).success).toBe(false);
      expect(findAnnexEntry(bad)).toBeUndefined();
    }
  });

  it('classifies the IoT examples of the Act as the Act does', () => {
    expect(findAnnexEntry('annex-iii.class-i.12')?.category).toBe('important-class-i'); // routers
    expect(findAnnexEntry('annex-iii.class-ii.4')?.category).toBe('important-class-ii'); // tamper-resistant MCUs
    expect(findAnnexEntry('annex-iv.2')?.category).toBe('critical'); // smart meter gateways
  });
});
