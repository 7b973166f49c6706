import { describe, expect, it } from 'vitest';
import { htmlMeta, htmlToText } from '../../lib/knowledge/html-text';

describe('htmlToText', () => {
  it('makes paragraphs, headings and list items paragraphs separated by a blank line', () => {
    const html = `<h2>Refunds</h2><p>We refund to the original payment method.</p>
      <ul><li>Cards: 5–10 business days</li><li><p>PayPal: 1–3 days</p></li></ul><p>Questions? Write to us.</p>`;
    expect(htmlToText(html)).toBe(
      'Refunds\n\nWe refund to the original payment method.\n\nCards: 5–10 business days\n\nPayPal: 1–3 days\n\nQuestions? Write to us.',
    );
  });

  it('keeps inline markup inside the paragraph and collapses whitespace', () => {
    expect(htmlToText('<p>Hello   <b>wor</b>ld,\n\t<a href="/x" title="a > b">see   here</a>.</p>')).toBe('Hello world, see here.');
  });

  it('drops scripts, styles, comments, templates, the head and SVG, even when they contain markup-like text', () => {
    const html = `<html><head><title>Page</title><style>p { color: red }</style></head><body>
      <script>document.write("</p><p>injected")</script><!-- <p>hidden</p> -->
      <p>Visible</p><template><p>later</p></template><svg><title>icon</title><text>logo</text></svg>
      <noscript>Enable JavaScript</noscript><p>Also visible</p></body></html>`;
    expect(htmlToText(html)).toBe('Visible\n\nAlso visible');
  });

  it('decodes named, decimal and hex entities as a browser does and leaves unknown ones as written', () => {
    expect(htmlToText('<p>Fish &amp; chips &lt;3 &#20013;&#x6587; &hellip; &copy; &bogus;</p>')).toBe('Fish & chips <3 中文 … © &bogus;');
    // As in a browser, a legacy entity without its semicolon is still decoded.
    expect(htmlToText('<p>&notit</p>')).toBe('¬it');
  });

  it('turns no-break, ideographic and zero-width spaces and soft hyphens into plain spacing', () => {
    expect(htmlToText('<p>Order&nbsp;#A-20417\u3000is&#8203; on\u00adits way\u200b.</p>')).toBe('Order #A-20417 is onits way.');
  });

  it('survives unclosed and upper-case tags', () => {
    expect(htmlToText('<P>one<P>two<DIV>three<BR>four<li>five')).toBe('one\n\ntwo\n\nthree\nfour\n\nfive');
  });

  it('is a line break for <br>, never a blank line even when doubled', () => {
    expect(htmlToText('<p>Acme Support<br><br/>  support@acme-shop.example </p>')).toBe('Acme Support\nsupport@acme-shop.example');
  });

  it('keeps the lines of <pre> and puts table cells of one row on one line', () => {
    const html = `<pre>
step 1: unplug
    step 2: wait   
</pre><table><tr><th>Option</th><th>Time</th></tr><tr><td>Standard</td><td>3–5 days</td></tr></table>`;
    expect(htmlToText(html)).toBe('step 1: unplug\n    step 2: wait\n\nOption Time\n\nStandard 3–5 days');
  });

  it('handles Chinese text and stray angle brackets in text', () => {
    expect(htmlToText('<h1>退款说明</h1><p>退款会在 5 < 10 个工作日内退回原支付方式。</p>')).toBe('退款说明\n\n退款会在 5 < 10 个工作日内退回原支付方式。');
  });

  it('returns nothing for empty, whitespace-only or markup-only input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('  \n ')).toBe('');
    expect(htmlToText('<div><p> </p><img src="x.png" alt="x"></div>')).toBe('');
  });

  it('reads plain text without tags as one paragraph', () => {
    expect(htmlToText('just text\nwith a newline')).toBe('just text with a newline');
  });
});

describe('htmlMeta', () => {
  it('takes the <title>, not an SVG title, and the html lang', () => {
    expect(htmlMeta('<html lang="zh-TW"><head><svg><title>icon</title></svg><title> 保固 &amp; 維修 </title></head><body><h1>Other</h1></body></html>')).toEqual({
      title: '保固 & 維修',
      lang: 'zh-TW',
    });
  });

  it('falls back to the first <h1>, inner markup included', () => {
    expect(htmlMeta('<body><h1>Returns <em>and</em> exchanges</h1><h1>Second</h1></body>')).toEqual({ title: 'Returns and exchanges', lang: '' });
  });

  it('says nothing when there is neither', () => {
    expect(htmlMeta('<p>no title here</p>')).toEqual({ title: '', lang: '' });
  });
});
