import {
  AttributeTypeAndValue,
  AttributeValue,
  Name,
  RelativeDistinguishedName,
} from '@peculiar/asn1-x509';
import { OID } from './oids.js';

/** One attribute of a distinguished name, in the order it is written. @internal */
export interface NameAttribute {
  readonly type: string;
  readonly value: string;
  /** PrintableString for country and serialNumber (X.520), UTF8String otherwise. */
  readonly printable?: boolean;
}

/** Builds a distinguished name, one attribute per RDN. @internal */
export function buildName(attributes: readonly NameAttribute[]): Name {
  return new Name(
    attributes.map(
      (a) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({
            type: a.type,
            value: new AttributeValue(
              a.printable ? { printableString: a.value } : { utf8String: a.value },
            ),
          }),
        ]),
    ),
  );
}

/** The first value of attribute `type` in a name, if any. @internal */
export function nameAttribute(name: Name, type: string): string | undefined {
  for (const rdn of name) for (const atv of rdn) if (atv.type === type) return atv.value.toString();
  return undefined;
}

/** A CA's name: `CN=<cn>, O=<org>`. @internal */
export const caName = (organization: string, commonName: string) =>
  buildName([
    { type: OID.organization, value: organization },
    { type: OID.commonName, value: commonName },
  ]);
