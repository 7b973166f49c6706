/**
 * Issue 5, team view: the most frequent customer questions without a good
 * match, grouped by what they ask (English and Chinese paraphrases together),
 * with counts, a representative question, examples, intents and last seen.
 */
import { describe, expect, it } from 'vitest';
import { clusterQuestions, gapClusters, questionTokens, type ClusterInput } from '../../lib/knowledge/clusters';
import type { GapFlag, UnansweredQuestion } from '../../lib/knowledge/types';
import { mulberry32 } from '../../lib/prng';

let t = Date.parse('2025-03-01T00:00:00Z');
const q = (text: string, intent: string | null = null): ClusterInput => ({ text, intent, at: new Date((t += 60_000)).toISOString() });

/** Which cluster (by representative) each text landed in. */
function groups(clusters: ReturnType<typeof clusterQuestions>): string[][] {
  return clusters.map((c) => [c.representative, ...c.examples].sort());
}

describe('question tokens', () => {
  it('keeps the content words of English, stemmed, without question words or numbers', () => {
    expect(questionTokens('How do I reset my password?').sort()).toEqual(['password', 'reset']);
    expect(questionTokens('Refunds refunded, refunding: order 12345').sort()).toEqual(['order', 'refund']);
    expect(questionTokens('Call me on [PHONE] or [EMAIL]')).toEqual(['call']);
  });

  it('takes Chinese as bigrams within words, joining single characters, folding traditional to simplified', () => {
    expect(questionTokens('怎么重置密码').sort()).toEqual(['密码', '重置']);
    expect(questionTokens('密碼怎麼重置').sort()).toEqual(['密码', '重置']);
    expect(questionTokens('我的退款还没到账？').sort()).toEqual(['到账', '退款']);
  });
});

describe('clustering', () => {
  it('groups English paraphrases and keeps different questions apart', () => {
    const clusters = clusterQuestions([
      q('How do I reset my password?'),
      q('I forgot my password, how can I reset it?'),
      q('Reset password please'),
      q('How do I reset my password?'),
      q('How do I cancel my subscription?'),
      q('Cancel subscription'),
      q('Where is my refund?'),
      q('I still have not received my refund'),
      q('The app crashes when I open it'),
      q('App keeps crashing on startup'),
    ]);
    expect(groups(clusters)).toEqual([
      ['How do I reset my password?', 'I forgot my password, how can I reset it?', 'Reset password please'],
      ['App keeps crashing on startup', 'The app crashes when I open it'],
      ['I still have not received my refund', 'Where is my refund?'],
      ['Cancel subscription', 'How do I cancel my subscription?'],
    ]);
    expect(clusters[0]).toMatchObject({ count: 4, representative: 'How do I reset my password?' });
  });

  it('groups Chinese paraphrases, simplified and traditional', () => {
    const clusters = clusterQuestions([
      q('怎么重置密码'),
      q('我忘记密码了，如何重置？'),
      q('密碼怎麼重置'),
      q('退款什么时候到账'),
      q('我的退款还没到账'),
      q('如何取消订阅'),
      q('我想取消訂閱'),
      q('应用打开就闪退'),
    ]);
    expect(groups(clusters)).toEqual([
      ['密碼怎麼重置', '怎么重置密码', '我忘记密码了，如何重置？'],
      ['如何取消订阅', '我想取消訂閱'],
      ['我的退款还没到账', '退款什么时候到账'],
      ['应用打开就闪退'],
    ]);
  });

  it('groups within an intent when there is one; texts without an intent may join any cluster', () => {
    const clusters = clusterQuestions([
      q('How do I reset my password?', 'account_access'),
      q('Reset password please', 'account_access'),
      q('How do I reset my password?', 'security'),
      q('I forgot my password, how can I reset it?', null),
      q('I forgot my password, how can I reset it?', 'unknown'),
    ]);
    expect(clusters.map((c) => [c.count, c.intents])).toEqual([
      [4, ['account_access']],
      [1, ['security']],
    ]);
  });

  it('reports count, up to three examples newest first, intents and last seen; sorted by count', () => {
    const rows = [q('Reset password please', 'account_access'), q('How do I reset my password?', 'account_access'), q('Where is my refund?', 'refund')];
    rows.push(q('password reset', 'account_access'), q('Reset my password now', 'account_access'), q('reset the password', 'account_access'), q('Reset password please', 'account_access'));
    const [top, second] = clusterQuestions(rows);
    expect(top).toEqual({
      representative: 'Reset password please',
      count: 6,
      examples: ['reset the password', 'Reset my password now', 'password reset'],
      intents: ['account_access'],
      lastSeen: rows[rows.length - 1]!.at,
    });
    expect(second).toMatchObject({ representative: 'Where is my refund?', count: 1, examples: [], intents: ['refund'] });
    expect(clusterQuestions(rows, { minCount: 2 })).toHaveLength(1);
    expect(clusterQuestions(rows, { limit: 1 })).toHaveLength(1);
  });

  it('takes unanswered questions and flagged excerpts together', () => {
    const unanswered: UnansweredQuestion[] = [{ id: 1, at: '2025-03-01T10:00:00.000Z', text: '怎么重置密码', intent: null, bestScore: 0.1, language: 'zh-Hans' }];
    const flags = [{ excerpt: '密碼怎麼重置', intent: null, createdAt: '2025-03-02T10:00:00.000Z' }, { excerpt: '', intent: null, createdAt: '2025-03-03T10:00:00.000Z' }] as GapFlag[];
    expect(gapClusters({ unanswered, flags })).toEqual([{ representative: '怎么重置密码', count: 2, examples: ['密碼怎麼重置'], intents: [], lastSeen: '2025-03-02T10:00:00.000Z' }]);
  });

  it('handles a few thousand rows of mixed topics and languages, finding each topic', () => {
    const topics: [string, string[]][] = [
      ['password', ['How do I reset my password?', 'reset password', 'I forgot my password, how do I reset it', '怎么重置密码', '密碼怎麼重置', '忘记密码了如何重置']],
      ['refund', ['Where is my refund?', 'I have not received my refund', 'refund not received yet', '退款什么时候到账', '我的退款还没到账']],
      ['cancel', ['How do I cancel my subscription?', 'cancel subscription please', 'I want to cancel my subscription', '如何取消订阅', '我想取消订阅']],
      ['crash', ['The app crashes when I open it', 'app keeps crashing', 'app crashes on startup', '应用打开就闪退', '应用总是闪退']],
    ];
    const rand = mulberry32(42);
    const rows: ClusterInput[] = [];
    for (let i = 0; i < 3000; i++) {
      const [, phrasings] = topics[Math.floor(rand() * topics.length)]!;
      const text = phrasings[Math.floor(rand() * phrasings.length)]!;
      rows.push(q(rand() < 0.3 ? `${text} (order ${Math.floor(rand() * 1e6)})` : text));
    }
    // And a long tail of one-off questions (made-up words, nothing in common).
    const word = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
    for (let i = 0; i < 200; i++) rows.push(q(`${word()} ${word()} ${word()}?`));
    const clusters = clusterQuestions(rows, { limit: 500 });
    const big = clusters.filter((c) => c.count >= 100);
    expect(clusters.filter((c) => c.count === 1).length).toBeGreaterThanOrEqual(195);
    // Each topic is at most one English and one Chinese cluster: the two languages share no tokens.
    expect(big.length).toBeGreaterThanOrEqual(topics.length);
    expect(big.length).toBeLessThanOrEqual(topics.length * 2);
    expect(big.reduce((n, c) => n + c.count, 0)).toBe(3000);
    for (const c of big) {
      const topic = topics.find(([, p]) => p.includes(c.representative));
      expect(topic, c.representative).toBeDefined();
      for (const e of c.examples) expect(topic![1].some((p) => e.startsWith(p))).toBe(true);
    }
  });
});
