import type { GeneratedDocument } from './model.js';
import { evidenceOf, footer, section, type TemplateContext } from './context.js';

/**
 * The vulnerability disclosure policy page (Annex I, Part II, points (4)–(6); Annex II(2)):
 * where and how to report, what the manufacturer does, and how fixed vulnerabilities are
 * disclosed. The contact comes from the profile, the security.txt from the evidence.
 *
 * @param ctx - Profile, evidence, language.
 * @returns The document model.
 */
export function cvdPolicyTemplate(ctx: TemplateContext): GeneratedDocument {
  const { profile: p, messages: m } = ctx;
  const l = m.label;
  const sc = p.manufacturer.securityContact;
  const txt = evidenceOf(ctx, 'security-txt')[0];
  const contacts = [sc.email, sc.url, sc.phone].filter((x): x is string => x !== undefined);
  return {
    id: 'cvd-policy',
    lang: m.lang,
    title: m.title['cvd-policy'],
    subtitle: `${p.manufacturer.name} — ${p.product.name}`,
    sections: [
      section(ctx, 'annex-i.part-2.5', [{ type: 'paragraph', text: m.text.cvdIntro(p.manufacturer.name) }, { type: 'paragraph', text: m.text.cvdProcess }, { type: 'paragraph', text: m.text.cvdAuthorities }, { type: 'paragraph', text: `${l.policy}: ${p.manufacturer.cvdPolicyUrl}` }]),
      section(ctx, 'annex-ii.2', [{ type: 'list', items: [...contacts.map((c) => `${l.contact}: ${c}`), ...(sc.encryptionKeyUrl === undefined ? [] : [`${l.encryptionKey}: ${sc.encryptionKeyUrl}`])] }]),
      section(ctx, 'annex-i.part-2.6', txt === undefined ? [] : [{ type: 'paragraph', text: `security.txt (RFC 9116): ${l.contact} ${String(txt.facts['contact'] ?? '')}, Expires ${String(txt.facts['expires'] ?? '')}` }]),
      section(ctx, 'annex-i.part-2.4', [{ type: 'paragraph', text: m.text.cvdAdvisories }]),
      section(ctx, 'art-14.8', [{ type: 'paragraph', text: m.text.cvdUsers }]),
    ],
    footer: footer(ctx),
  };
} // prettier-ignore
