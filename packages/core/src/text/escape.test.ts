import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown } from './escape.js';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;',
    );
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('escapeMarkdown', () => {
  it('escapes inline markup, HTML and table pipes', () => {
    expect(escapeMarkdown('*a* _b_ `c` [d](e) ![f] | g ~h~ (EU) #j \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) !\\[f\\] \\| g \\~h\\~ (EU) #j \\\\',
    );
    expect(escapeMarkdown('<b>x</b> & y')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; y');
  });

  it('escapes block starts on every line', () => {
    expect(escapeMarkdown('- item\n+ item\n1. item\n> quote', { multiline: true })).toBe(
      '\\- item  \n\\+ item  \n1\\. item  \n&gt; quote',
    );
    expect(escapeMarkdown('= rule')).toBe('\\= rule');
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
  });

  it('puts text on one line by default, and keeps hard breaks when asked', () => {
    expect(escapeMarkdown('first\r\n  second\nthird')).toBe('first second third');
    expect(escapeMarkdown('first\nsecond', { multiline: true })).toBe('first  \nsecond');
  });
});
