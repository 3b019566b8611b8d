import type { Case } from '../case/case-schema.js';

/** One product of a CSAF product tree, with its status for the case. @internal */
export interface CsafProduct {
  readonly productId: string;
  readonly model: string;
  readonly version: string;
  readonly status: 'known_affected' | 'fixed';
}

/** Versions like `<2.4.1` are ranges: CSAF wants them in vers syntax (6.2.18). */
const isRange = (v: string) => /^(vers:|[<>=!])/.test(v);
const asVers = (v: string) => (v.startsWith('vers:') ? v : `vers:generic/${v.replace(/\s+/g, '')}`);

/** Product ids and the CSAF `product_tree` of a case's affected and fixed versions. @internal */
export function productTree(kase: Case, vendor: string, productName: (model: string) => string) {
  const products: CsafProduct[] = [];
  let n = 0;
  const branchesByModel = kase.affected.map((a) => {
    const versions: { version: string; status: CsafProduct['status'] }[] = [
      ...a.versions.map((version) => ({ version, status: 'known_affected' as const })),
      ...(a.fixedIn === undefined ? [] : [{ version: a.fixedIn, status: 'fixed' as const }]),
    ];
    const name = productName(a.model);
    return {
      category: 'product_name',
      name,
      branches: versions.map(({ version, status }) => {
        const productId = `CSAFPID-${String(++n).padStart(4, '0')}`;
        products.push({ productId, model: a.model, version, status });
        return {
          category: isRange(version) ? 'product_version_range' : 'product_version',
          name: isRange(version) ? asVers(version) : version,
          product: {
            name: `${name} ${version}`,
            product_id: productId,
            product_identification_helper: { model_numbers: [a.model] },
          },
        };
      }),
    };
  });
  return {
    products,
    tree: { branches: [{ category: 'vendor', name: vendor, branches: branchesByModel }] },
  };
}

/** The CSAF file name of a tracking id (CSAF 2.0 §5.1). @internal */
export const csafFileName = (trackingId: string) =>
  `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
