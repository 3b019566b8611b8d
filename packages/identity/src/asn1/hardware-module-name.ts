import { AsnConvert, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { GeneralName, OtherName } from '@peculiar/asn1-x509';
import { OID } from './oids.js';

/**
 * RFC 4108 §5 `HardwareModuleName ::= SEQUENCE { hwType OBJECT IDENTIFIER, hwSerialNum OCTET
 * STRING }`, the SAN otherName IEEE 802.1AR uses to name the device's hardware module.
 * Declared through `@peculiar/asn1-schema` (decorators applied as calls, so no compiler flag).
 * @internal
 */
export class HardwareModuleName {
  hwType = '';
  hwSerialNum: ArrayBuffer = new ArrayBuffer(0);
}
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(HardwareModuleName.prototype, 'hwType');
AsnProp({ type: AsnPropTypes.OctetString })(HardwareModuleName.prototype, 'hwSerialNum');
AsnType({ type: AsnTypeTypes.Sequence })(HardwareModuleName);

/** A SAN entry `otherName: hardwareModuleName { hwType, hwSerialNum }`. @internal */
export function hardwareModuleGeneralName(hwType: string, serial: string): GeneralName {
  const value = Object.assign(new HardwareModuleName(), {
    hwType,
    hwSerialNum: new TextEncoder().encode(serial).buffer,
  });
  return new GeneralName({
    otherName: new OtherName({
      typeId: OID.hardwareModuleName,
      value: AsnConvert.serialize(value),
    }),
  });
}

/** Reads a hardwareModuleName otherName value back. @internal */
export function parseHardwareModuleName(der: ArrayBuffer): { hwType: string; serial: string } {
  const parsed = AsnConvert.parse(der, HardwareModuleName);
  return { hwType: parsed.hwType, serial: new TextDecoder().decode(parsed.hwSerialNum) };
}
