import { z } from 'zod';

/**
 * The product categories of the CRA: default, important class I or II (Art. 7, Annex III),
 * critical (Art. 8, Annex IV).
 */
export const PRODUCT_CATEGORIES = [
  'default',
  'important-class-i',
  'important-class-ii',
  'critical',
] as const;

export const ProductCategorySchema = z
  .enum(PRODUCT_CATEGORIES)
  .describe(
    'CRA category by core functionality (Art. 7(1)): default, important class I or II (Annex III), critical (Annex IV)',
  );
export type ProductCategory = z.infer<typeof ProductCategorySchema>;

/** One point of Annex III or Annex IV, paraphrased. */
export interface AnnexEntry {
  readonly id: string;
  readonly category: Exclude<ProductCategory, 'default'>;
  readonly citation: string;
  readonly title: string;
}

const classI = [
  'Identity management and privileged access management systems, incl. authentication and access-control readers',
  'Standalone and embedded browsers',
  'Password managers',
  'Software that finds, removes or quarantines malware',
  'Products with a VPN function',
  'Network management systems',
  'Security information and event management (SIEM) systems',
  'Boot managers',
  'Public key infrastructure and digital certificate issuance software',
  'Physical and virtual network interfaces',
  'Operating systems',
  'Routers, internet modems and switches',
  'Microprocessors with security-related functionalities',
  'Microcontrollers with security-related functionalities',
  'ASICs and FPGAs with security-related functionalities',
  'Smart home general purpose virtual assistants',
  'Smart home products with security functionalities (door locks, cameras, baby monitors, alarms)',
  'Internet-connected toys with social interaction or location tracking',
  'Personal wearables with a health monitoring purpose outside MDR/IVDR, or for children',
];
const classII = [
  'Hypervisors and container runtime systems',
  'Firewalls, intrusion detection and prevention systems',
  'Tamper-resistant microprocessors',
  'Tamper-resistant microcontrollers',
];
const critical = [
  'Hardware devices with security boxes',
  'Smart meter gateways and other devices for advanced security purposes, incl. secure cryptoprocessing',
  'Smartcards or similar devices, including secure elements',
];

/** Every point of Annex III (class I: 19, class II: 4) and Annex IV (3), in the law's order. */
export const ANNEX_ENTRIES: readonly AnnexEntry[] = Object.freeze([
  ...classI.map((title, i) => ({
    id: `annex-iii.class-i.${i + 1}`,
    category: 'important-class-i' as const,
    citation: `Annex III, Class I, point ${i + 1}`,
    title,
  })),
  ...classII.map((title, i) => ({
    id: `annex-iii.class-ii.${i + 1}`,
    category: 'important-class-ii' as const,
    citation: `Annex III, Class II, point ${i + 1}`,
    title,
  })),
  ...critical.map((title, i) => ({
    id: `annex-iv.${i + 1}`,
    category: 'critical' as const,
    citation: `Annex IV, point ${i + 1}`,
    title,
  })),
]);

export const AnnexEntryIdSchema = z
  .enum(ANNEX_ENTRIES.map((e) => e.id) as [string, ...string[]])
  .describe('The Annex III or Annex IV point the product falls under, e.g. annex-iii.class-i.12');

/** The Annex III/IV entry with this id, or undefined. */
export function findAnnexEntry(id: string): AnnexEntry | undefined {
  return ANNEX_ENTRIES.find((e) => e.id === id);
}
