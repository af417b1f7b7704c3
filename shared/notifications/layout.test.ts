import { describe, expect, it } from 'vitest';
import { MailDataError } from './guard.js';
import { renderLayout, resolveContext, type MailContent } from './layout.js';

const ctx = resolveContext({ baseUrl: 'https://vatra.example.ro/', now: '2026-03-15T05:00:00Z' });

const content: MailContent = {
  subject: 'Probă <b>&</b>',
  preheader: 'Rând de previzualizare',
  reason: 'sunteți în lista de test',
  blocks: [
    { type: 'heading', text: 'Titlu "cu" ghilimele' },
    { type: 'paragraph', parts: ['Text ', { strong: 'important' }, ' și ', { link: 'o legătură', href: 'https://vatra.example.ro/#/cazuri/x?a=1&b=2' }] },
    { type: 'facts', rows: [{ label: 'Cazul', value: "<script>alert('x')</script>" }] },
    { type: 'button', label: 'Deschide', href: 'https://vatra.example.ro/#/sarcini/t1' },
    { type: 'list', items: [['unu'], ['doi']] },
  ],
};

describe('HTML escaping', () => {
  it('escapes every text and attribute in the layout', () => {
    const m = renderLayout(content, ctx);
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(m.html).toContain('Titlu &quot;cu&quot; ghilimele');
    expect(m.html).toContain('href="https://vatra.example.ro/#/cazuri/x?a=1&amp;b=2"');
    expect(m.html).toContain('<title>[Vatra] Probă &lt;b&gt;&amp;&lt;/b&gt;</title>');
    // the text part is plain text: no escaping there
    expect(m.text).toContain("<script>alert('x')</script>");
  });
});

describe('layout', () => {
  it('prefixes the subject with [Vatra] and keeps it on one line', () => {
    const m = renderLayout({ ...content, subject: 'Rând unu\r\nBcc: cineva@example.com' }, ctx);
    expect(m.subject).toBe('[Vatra] Rând unu Bcc: cineva@example.com');
    expect(m.subject).not.toMatch(/[\r\n]/);
  });

  it('has the Vatra header and a footer with the reason and the preferences link in both parts', () => {
    const m = renderLayout(content, ctx);
    for (const part of [m.html, m.text]) {
      expect(part).toContain('Primiți acest mesaj pentru că sunteți în lista de test.');
      expect(part).toContain('https://vatra.example.ro/#/preferinte');
      expect(part).toContain('Generat la 15.03.2026, 07:00.');
    }
    expect(m.html).toMatch(/<div style="[^"]*">Vatra<\/div>/);
    expect(m.text.startsWith('VATRA\n')).toBe(true);
    expect(m.html).toContain('<html lang="ro">');
    expect(m.html).toContain('<meta charset="utf-8">');
  });

  it('renders links, buttons and lists into the text part', () => {
    const m = renderLayout(content, ctx);
    expect(m.text).toContain('Text important și o legătură <https://vatra.example.ro/#/cazuri/x?a=1&b=2>');
    expect(m.text).toContain('Deschide: https://vatra.example.ro/#/sarcini/t1');
    expect(m.text).toContain('- unu\n- doi');
    expect(m.text).toContain('Cazul: <script>');
  });

  it('omits the generation time when no `now` is given', () => {
    const m = renderLayout(content, resolveContext({ baseUrl: 'https://vatra.example.ro' }));
    expect(m.text).not.toContain('Generat la');
  });
});

describe('mail context', () => {
  it('strips trailing slashes from the base URL', () => {
    expect(resolveContext({ baseUrl: 'http://127.0.0.1:8080//' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(resolveContext({ baseUrl: 'https://primarie.example.ro/vatra/' }).baseUrl).toBe('https://primarie.example.ro/vatra');
  });

  it.each(['javascript:alert(1)', '/relative', 'vatra.example.ro', 'https://vatra.example.ro/#/x', 'https://vatra.example.ro/?a=1', 'ftp://vatra.example.ro'])(
    'rejects the base URL %s',
    (baseUrl) => {
      expect(() => resolveContext({ baseUrl })).toThrowError(MailDataError);
      try {
        resolveContext({ baseUrl });
      } catch (e) {
        expect((e as MailDataError).code).toBe('MAIL_CONTEXT_INVALID');
      }
    },
  );

  it('rejects a `now` that is not an ISO instant', () => {
    expect(() => resolveContext({ baseUrl: 'https://vatra.example.ro', now: '15.03.2026' })).toThrowError(/Contextul mesajului/);
  });
});
