import { z } from 'zod';
import { cited } from '../citation.js';
import {
  CountryCodeSchema,
  EmailSchema,
  HttpsUrlSchema,
  MemberStateSchema,
  TextSchema,
} from '../primitives.js';

export const PostalAddressSchema = z
  .strictObject({
    street: TextSchema.describe('Street and number, or P.O. box'),
    postalCode: z.string().trim().min(1).max(16).describe('Postal code'),
    city: TextSchema.describe('City'),
    country: CountryCodeSchema.describe('ISO 3166-1 alpha-2 country code'),
  })
  .describe('A postal address at which the manufacturer can be contacted');

export const SecurityContactSchema = cited(
  z
    .strictObject({
      email: EmailSchema.optional().describe('Mailbox for vulnerability reports'),
      url: HttpsUrlSchema.optional().describe('Web form or page for vulnerability reports'),
      phone: TextSchema.optional().describe('Phone number, in international format'),
      encryptionKeyUrl: HttpsUrlSchema.optional().describe(
        'Where reporters find the public key to encrypt their reports (OpenPGP)',
      ),
    })
    .refine(
      (c) => c.email !== undefined || c.url !== undefined,
      'give at least an e-mail address or a URL where vulnerabilities can be reported',
    ),
  'Art. 13(17); Annex II(2)',
  'The single point of contact for reporting vulnerabilities; users choose the channel, so offer more than an automated tool',
);

export const ManufacturerSchema = cited(
  z.strictObject({
    name: cited(TextSchema, 'Annex II(1)', 'Registered name of the manufacturer'),
    trademark: TextSchema.optional().describe('Registered trade name or trademark, if any'),
    postalAddress: cited(PostalAddressSchema, 'Annex II(1); Art. 13(16)', 'Postal address'),
    email: cited(EmailSchema, 'Annex II(1); Art. 13(16)', 'General e-mail contact'),
    website: cited(HttpsUrlSchema, 'Annex II(1); Art. 13(16)', 'Manufacturer website'),
    securityContact: SecurityContactSchema,
    cvdPolicyUrl: cited(
      HttpsUrlSchema,
      'Annex II(2); Annex I, Part II, point (5)',
      'Where the coordinated vulnerability disclosure policy is published',
    ),
    mainEstablishment: cited(
      MemberStateSchema.optional(),
      'Art. 14(7)',
      'EU Member State of the main establishment: its coordinator CSIRT receives Art. 14 reports. Omit if established outside the EU and name an authorised representative',
    ),
    authorisedRepresentative: cited(
      z
        .strictObject({
          name: TextSchema.describe('Name of the authorised representative'),
          postalAddress: PostalAddressSchema,
          email: EmailSchema.describe('E-mail of the authorised representative'),
          memberState: MemberStateSchema.describe('Member State where it is established'),
        })
        .optional(),
      'Art. 18; Annex V(2)',
      'Authorised representative in the EU, if the manufacturer appointed one',
    ),
  }),
  'Annex II(1)–(2)',
  'Who makes the product and how to reach them',
);
export type Manufacturer = z.infer<typeof ManufacturerSchema>;
