import { z } from 'zod';

// RFC 3986 characters only: no whitespace or control characters (browsers drop tabs and newlines
// inside URLs, so `java\tscript:` would still run), no backslash (read as `/`), no `"` or `<>`.
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
// A reference whose first segment has a colon names a scheme (RFC 3986 §4.2).
const HAS_SCHEME = /^[^/?#]*:/;

/** Whether `href` is a relative reference, or an absolute https URL with a host. */
function isSafeHref(href: string): boolean {
  if (!URL_CHARACTERS.test(href) || href.startsWith('//')) return false;
  if (!HAS_SCHEME.test(href)) return true;
  if (!/^https:\/\//i.test(href) || !URL.canParse(href)) return false;
  const url = new URL(href);
  return url.protocol === 'https:' && url.hostname !== '';
}

/**
 * Where generated HTML links its stylesheet from: a relative reference (`/assets/doc.css`,
 * `doc.css`, `../doc.css`) or an `https:` URL. Other schemes (`javascript:`, `data:`, `http:`)
 * and scheme-relative `//host/…` references are refused.
 */
export const StylesheetHrefSchema = z.string().min(1).max(2048).refine(isSafeHref, {
  message: 'must be a relative reference or an https URL (no other scheme, no //host)',
});

/** Options of `renderHtml`: an inline stylesheet (default ours) or a linked one, not both. */
export const HtmlOptionsSchema = z
  .object({
    /** Replaces `DEFAULT_STYLESHEET`; inlined, so the file stays self-contained. */
    stylesheet: z.string().optional(),
    /**
     * Links this stylesheet instead of inlining one, for hosts whose Content-Security-Policy
     * refuses inline styles. Serve `DEFAULT_STYLESHEET` (or your own) there.
     */
    stylesheetHref: StylesheetHrefSchema.optional(),
  })
  .refine((o) => o.stylesheet === undefined || o.stylesheetHref === undefined, {
    message: 'give stylesheet (inline) or stylesheetHref (linked), not both',
    path: ['stylesheetHref'],
  });

/** Options of `renderHtml`. */
export type HtmlOptions = z.input<typeof HtmlOptionsSchema>;
