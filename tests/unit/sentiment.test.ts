import { describe, expect, it } from 'vitest';
import { escalationRisk } from '../../lib/analysis/escalation';
import { foldHan } from '../../lib/han-fold';
import { analyzeSentiment } from '../../lib/analysis/sentiment';

const s = (text: string, lang?: Parameters<typeof analyzeSentiment>[1]) => analyzeSentiment(text, lang);

describe('analyzeSentiment, English', () => {
  it('scores polarity and labels', () => {
    expect(s('Thank you so much, this is perfect!').label).toBe('positive');
    expect(s('This is terrible.').label).toBe('negative');
    expect(s('My order number is 12345.').label).toBe('neutral');
    const r = s('This is terrible.');
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThan(0);
  });

  it('flips under negation', () => {
    expect(s('The app is good').score).toBeGreaterThan(0);
    expect(s('The app is not good').score).toBeLessThan(0);
    expect(s("The agent wasn't helpful at all").label).toBe('negative');
    expect(s('Not bad at all').score).toBeGreaterThan(0);
  });

  it('intensifiers, caps and exclamation strengthen', () => {
    const base = s('The delivery was slow').score;
    expect(s('The delivery was extremely slow').score).toBeLessThan(base);
    expect(s('The delivery was SLOW').score).toBeLessThan(base);
    expect(s('This is great!!!').score).toBeGreaterThan(s('This is great').score);
    expect(s('It is slightly annoying').score).toBeGreaterThan(s('It is annoying').score);
  });

  it('weights the clause after "but"', () => {
    expect(s('The agent was nice but the problem is still not fixed and it is useless').label).toBe('negative');
    expect(s('It took a while but it works perfectly now').label).toBe('positive');
  });

  it('knows customer-service idioms and lists drivers', () => {
    const r = s("I still haven't received my package after three days. Ridiculous.");
    expect(r.label).toBe('negative');
    const texts = r.drivers.map((d) => d.text.toLowerCase());
    expect(texts).toContain("still haven't received");
    expect(texts).toContain('ridiculous');
    expect(r.drivers.every((d) => typeof d.weight === 'number')).toBe(true);
    expect(s('I want to cancel my subscription').label).toBe('negative');
    expect(s('Thank you so much for your help').label).toBe('positive');
  });

  it('reads emoticons', () => {
    expect(s('ok :(').label).toBe('negative');
    expect(s('got it :)').label).toBe('positive');
  });

  it('names emotions', () => {
    expect(s('This is unacceptable, I am furious').emotion).toBe('anger');
    expect(s("I've waited again and again and it's still not working").emotion).toBe('frustration');
    expect(s('I am so disappointed and sad about this').emotion).toBe('sadness');
    expect(s("I'm worried my card was charged, I'm scared it was hacked").emotion).toBe('fear');
    expect(s('Great, thanks a lot!').emotion).toBe('joy');
    expect(s('Wow, that was unexpected').emotion).toBe('surprise');
    expect(s('What is the shipping address on file?').emotion).toBe('neutral');
    expect(s('I am not happy with this').emotion).toBe('sadness');
    const r = s('This is unacceptable, I am furious');
    expect(r.emotionScores.anger).toBeGreaterThan(r.emotionScores.joy);
    for (const v of Object.values(r.emotionScores)) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('polite thanks do not turn a complaint positive', () => {
    expect(s('My refund never arrived and nobody answers. Thanks.').label).toBe('negative');
  });
});

describe('analyzeSentiment, English customer messages and tweets', () => {
  const en = (text: string) => analyzeSentiment(text, 'en');

  it('ignores handles and links; reads hashtags as words', () => {
    // "@BestBuy" is a name, not praise; ":/" of a link is not a frown.
    expect(en('@BestBuy what time do you open tomorrow?').label).toBe('neutral');
    expect(en('Tracking page: https://example.com/track?id=1').label).toBe('neutral');
    expect(en('Flight cancelled twice this week #NeverAgain').drivers.map((d) => d.text)).toContain('Never Again');
  });

  it('a negated expectation or a missing thing is a complaint', () => {
    for (const t of ['My parcel never came', "The app won't let me log in", 'Nobody told me the flight moved', 'No wifi, no food and no updates', 'Zero response to my emails'])
      expect(en(t).label, t).toBe('negative');
    expect(en('My parcel never came').drivers[0].text).toBe('never came');
    expect(en('No problem, thanks!').label).toBe('positive');
    expect(en('No issues so far').score).toBeGreaterThan(0);
  });

  it('questions and polite requests are neutral; a why-question complains', () => {
    for (const t of ['Is my flight delayed?', 'How do I cancel my booking?', 'Can you change my seat to an aisle, please?', 'Can you DM me? Thanks', 'Do you have 24 hour support?'])
      expect(en(t).label, t).toBe('neutral');
    expect(en('Why does it take three days to answer an email?').label).toBe('negative');
    // The same words as a statement are felt.
    expect(en('My flight is delayed again.').label).toBe('negative');
  });

  it('waits, repeats and customer-service phrases', () => {
    for (const t of ['Been on hold for 2 hours', 'Internet down since this morning', 'This is the third time I am asking', 'Still waiting for my refund', 'I was charged twice'])
      expect(en(t).label, t).toBe('negative');
    expect(en('Thanks for the quick help!').label).toBe('positive');
    expect(en('The 6 hour flight leaves at 9').label).toBe('neutral');
  });

  it('product faults are complaints', () => {
    for (const t of ['The app is buggy', 'My phone keeps overheating', 'the battery drained in an hour', 'my laptop is bricked', 'the screen is frozen again', 'my Mac caught fire']) {
      expect(s(t).label, t).toBe('negative');
    }
  });

  it('a report passed on with a link, and no I / we / you, says little about the writer', () => {
    const headline = 'Apple Gets Price Target Boost on Back of Strong iPhone Demand';
    const report = s(`${headline} $AAPL http://t.co/abc`);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(s(headline).score / 2);
    expect(s("Update: Apple's HealthKit Seeing Early Adoptions #AAPL http://t.co/oX78").label).toBe('neutral');
    // The writer's own experience with a link stays as clear as without it.
    expect(s('I love the new update, works great http://t.co/abc').label).toBe('positive');
    expect(s('my order is late again, see https://example.com/x').label).toBe('negative');
    // A customer's screenshot link is no shared post.
    expect(s('Package arrived late. Photo: https://imgur.com/a/x').label).toBe('negative');
    expect(s('Terrible. https://x.co/1').score).toBeLessThan(-0.3);
  });

  it('irony: thanks for something bad, a lone "great" after a complaint, an eye-roll', () => {
    expect(en('Thanks for losing my bag').label).toBe('negative');
    expect(en('Flight cancelled again. Great.').label).toBe('negative');
    expect(en('Love the new app 🙄').label).toBe('negative');
    expect(en('Great, thanks!').label).toBe('positive');
  });

  it('contractions, elongation, laughter and caps', () => {
    expect(en("He'll call me tomorrow").label).toBe('neutral'); // not "hell"
    expect(en('Sooo happy, loooove it').label).toBe('positive');
    expect(en('hahaha').label).toBe('positive');
    expect(en('WORST SERVICE EVER').score).toBeLessThan(en('worst service ever').score);
  });

  it('negated negatives are faint praise; swearing stays negative', () => {
    expect(en('Not bad').score).toBeGreaterThan(0);
    expect(en('Not bad').score).toBeLessThan(en('Good').score);
    expect(en("I don't want your fucking voucher").label).toBe('negative');
  });

  it('emotion: confusion is surprise; cues against the sentiment count less', () => {
    expect(en('I thought shipping was free?').emotion).toBe('surprise');
    expect(en("I don't understand this charge").emotion).toBe('surprise');
    expect(en('I still love it').emotion).not.toBe('frustration');
    expect(en('Thanks for your help, but the app is still crashing').emotion).toBe('frustration');
  });
});

describe('analyzeSentiment, Chinese', () => {
  it('simplified: polarity, negation and degree', () => {
    expect(s('服务很好').label).toBe('positive');
    expect(s('服务不好').label).toBe('negative');
    expect(s('房间不错').label).toBe('positive');
    expect(s('质量不太好').score).toBeLessThan(0);
    expect(s('质量不太好').score).toBeGreaterThan(s('质量很不好').score);
    expect(s('非常满意').score).toBeGreaterThan(s('有点满意').score);
    expect(s('东西没坏').score).toBeGreaterThan(0);
    expect(s('别买，太差了', 'zh-Hans').label).toBe('negative');
  });

  it('traditional: same lexicon after folding', () => {
    expect(foldHan('氣死我了，沒有人理')).toBe('气死我了，没有人理');
    expect(s('服務很好，非常滿意').label).toBe('positive');
    expect(s('質量不好，沒有用').label).toBe('negative');
    expect(s('特別失望', 'zh-Hant').score).toBeLessThan(s('有點失望', 'zh-Hant').score);
    expect(s('真的氣死我了！').emotion).toBe('anger');
    expect(s('我很擔心帳戶被盜').emotion).toBe('fear');
  });

  it('contrast weighting and drivers', () => {
    const r = s('房间还可以，但是服务态度很差');
    expect(r.label).toBe('negative');
    expect(r.drivers.map((d) => d.text)).toContain('很差');
    expect(s('等了很久，不过最后问题解决了，谢谢').label).toBe('positive');
  });

  it('what the customer waits for, negated, is a complaint', () => {
    for (const t of ['还没有收到货', '一直没人回复', '退款到现在还没到账', '東西一直沒有到貨']) {
      const r = s(t, 'zh-Hans');
      expect(r.label, t).toBe('negative');
      expect(r.emotion, t).toBe('frustration');
    }
    expect(s('还没有收到货').drivers[0].text).toBe('还没有收到');
    expect(s('已经收到了，谢谢').label).toBe('positive');
    expect(s('没有比这更差的了').label).toBe('negative');
  });

  it('service complaints: waits, lateness, missing, wrong, spilt, spoilt, in both scripts', () => {
    const complaints = [
      '等了两个小时', '等了40多分钟才送来', '十一点下的单，一点半才送到', '俩小时才送到', '下午才发货', '三天了还没到',
      '送错了，我要的不是这个', '汤洒了一半', '面都坨了', '太咸了', '菜是凉的', '里面有头发', '电话打不通', '联系不上客服',
      '没给筷子', '筷子都没有', '根本不是我点的', '说好的发票呢？', '也是醉了', '量太少了',
      '等了兩個小時才送到', '湯都灑了', '聯繫不上', '餿了', '麵坨了',
    ];
    for (const t of complaints) expect(s(t, 'zh-Hans').score, t).toBeLessThan(0);
    expect(s('等了两个小时才送到').emotion).toBe('frustration');
    expect(s('等了两个小时才送到').drivers[0].text).toBe('等了两个小时');
    // Ten minutes and it was here: no lateness.
    expect(s('十分钟就送到了，还是热乎的').label).toBe('positive');
    expect(s('送餐小哥很辛苦，谢谢').label).toBe('positive');
  });

  it('a question about when is no complaint, nor is a plain statement of time or taste', () => {
    for (const t of ['请问大概几天才能到？', '請問大概幾天才能到？', '三天后才能发货吗', '明天才上班吗？', '口味清淡', '淡定', '石油公司', '稀有颜色', '地址没错，电话也没错']) {
      expect(s(t, 'zh-Hans').label, t).toBe('neutral');
    }
    expect(s('没关系，我可以再等两天').score).toBeGreaterThanOrEqual(0);
    expect(s('用了一个月了，还不错').label).toBe('positive');
    expect(s('等得好辛苦').label).toBe('negative');
    expect(s('小哥辛苦了').label).toBe('positive');
  });

  it('a negator with nothing to negate is a lack, mild enough to stay neutral alone', () => {
    const r = s('我没有账号');
    expect(r.score).toBeLessThan(0);
    expect(r.label).toBe('neutral');
    expect(s('你们有没有优惠？').label).toBe('neutral');
    expect(s('东西没有问题').score).toBeGreaterThanOrEqual(0);
    expect(s('东西没有坏').score).toBeGreaterThan(0);
    expect(s('别放辣').score).toBe(0);
  });

  it('a question about something good is no praise; words that cancel lean to the last one', () => {
    expect(s('质量好吗？').label).toBe('neutral');
    expect(s('这个颜色好看吗？').score).toBeLessThan(s('这个颜色好看').score);
    const tie = s('量大，味道差');
    expect(tie.score).toBeLessThan(0);
    expect(tie.label).toBe('neutral');
    expect(s('味道差，量大').score).toBeGreaterThan(0);
    expect(s('呵呵').score).toBe(0);
  });

  it('names emotions', () => {
    expect(s('气死我了，太过分了').emotion).toBe('anger');
    expect(s('一直没收到，还是没人处理').emotion).toBe('frustration');
    expect(s('很失望，很难过').emotion).toBe('sadness');
    expect(s('我担心钱会丢').emotion).toBe('fear');
    expect(s('太好了，谢谢！').emotion).toBe('joy');
    expect(s('竟然这么快就到了').emotion).toBe('surprise');
    expect(s('還是沒有收到').emotion).toBe('frustration');
    expect(s('我的订单号是多少').emotion).toBe('neutral');
  });
});

/** A small hand-written set of customer messages (not a benchmark; a sanity check). */
const CUSTOMER: [string, 'positive' | 'negative' | 'neutral'][] = [
  ['Thanks so much, that fixed it!', 'positive'],
  ['Perfect, the refund came through. Appreciate your help.', 'positive'],
  ['You guys are awesome, the replacement arrived today.', 'positive'],
  ['Great service, very quick response.', 'positive'],
  ['That works now, thank you!', 'positive'],
  ['I love the new update, much easier to use.', 'positive'],
  ['The agent was very helpful and friendly.', 'positive'],
  ['Excellent, problem solved.', 'positive'],
  ['Happy with the product so far, good quality.', 'positive'],
  ['Thank you for the fast delivery!', 'positive'],
  ['No worries, that sounds good to me.', 'positive'],
  ['Brilliant, exactly what I needed.', 'positive'],
  ['Really pleased with how quickly you sorted this out.', 'positive'],
  ['Glad it is resolved, have a nice day.', 'positive'],
  ['The new plan is great value, thanks.', 'positive'],
  ['Wonderful support as always.', 'positive'],
  ['It took a while but it works perfectly now.', 'positive'],
  ['Nice, the app is fast again.', 'positive'],
  ['Your colleague was very kind and patient.', 'positive'],
  ['Well done, the invoice is correct now.', 'positive'],
  ["I still haven't received my order and it's been two weeks.", 'negative'],
  ['This is ridiculous, I was charged twice.', 'negative'],
  ['I want to cancel my subscription right now.', 'negative'],
  ['The product arrived broken.', 'negative'],
  ['Nobody has answered my emails for three days.', 'negative'],
  ['Worst customer service ever.', 'negative'],
  ['The app keeps crashing every time I open it.', 'negative'],
  ['I am very disappointed with the quality.', 'negative'],
  ['This is unacceptable. I want a refund.', 'negative'],
  ['Your website is useless, I cannot log in.', 'negative'],
  ['I have been on hold for an hour, terrible.', 'negative'],
  ['The package was damaged and the item is missing.', 'negative'],
  ['Why is this still not fixed? I am fed up.', 'negative'],
  ['You sent me the wrong item again.', 'negative'],
  ["The tracking hasn't updated and I'm worried it's lost.", 'negative'],
  ['I was promised a callback that never happened. Awful.', 'negative'],
  ['The charger stopped working after two days.', 'negative'],
  ['This is the third time I am asking. Frustrating.', 'negative'],
  ['Not happy at all with how this was handled.', 'negative'],
  ['Your agent was rude and hung up on me.', 'negative'],
  ['Hi, what is the status of order 58812?', 'neutral'],
  ['Can you tell me your opening hours?', 'neutral'],
  ['I would like to change my delivery address.', 'neutral'],
  ['Please send the invoice to my work email.', 'neutral'],
  ['Do you ship to Canada?', 'neutral'],
  ['My account number is 4471-22.', 'neutral'],
  ['How do I reset my password?', 'neutral'],
  ['I ordered the blue one, size M.', 'neutral'],
  ['Is the warranty two years or three?', 'neutral'],
  ['Can I pay by bank transfer?', 'neutral'],
  ['I will be home after 5 pm.', 'neutral'],
  ['Which plan includes the extra storage?', 'neutral'],
  ['The order was placed on Monday.', 'neutral'],
  ['Could you check whether the parcel left the warehouse?', 'neutral'],
  ['I need a copy of my receipt for taxes.', 'neutral'],
  ['What documents do you need from me?', 'neutral'],
  ['We have three users on the account.', 'neutral'],
  ['Where can I find the user manual?', 'neutral'],
  ['Please update the phone number on my profile.', 'neutral'],
  ['I am writing about ticket 9931.', 'neutral'],
];

/**
 * Chinese chat messages to a helpdesk, both scripts, written for this test (not a benchmark).
 * The first fifty were used to find missing words and rules; the last forty were written
 * after that and first scored 0.87, then 0.93 after three generic fixes (充值 is no 值了,
 * 一般几… is "usually", 崩了).
 */
const CUSTOMER_ZH: [string, 'positive' | 'negative' | 'neutral'][] = [
  ['你好，我想查询一下我的订单状态', 'neutral'], ['请问你们周末上班吗？', 'neutral'], ['我的会员卡号是多少？', 'neutral'],
  ['怎么修改绑定的手机号', 'neutral'], ['发票抬头可以改成公司名吗', 'neutral'], ['我想把套餐换成每月99元的那个', 'neutral'],
  ['好的，我知道了', 'neutral'], ['请帮我转接人工客服', 'neutral'], ['我没有收到验证码，能再发一次吗？', 'negative'],
  ['订单号是 A12345，麻烦查一下', 'neutral'], ['我需要开一张增值税专用发票', 'neutral'], ['明天下午三点前能送到吗？', 'neutral'],
  ['你們的營業時間是幾點到幾點？', 'neutral'], ['我想申請退貨，流程是怎樣的？', 'neutral'], ['請問這款手機有現貨嗎', 'neutral'],
  ['我的賬戶需要綁定信用卡嗎', 'neutral'], ['收到，謝謝', 'positive'], ['好的，那我等你们消息', 'neutral'],
  ['我没有账号，怎么注册？', 'neutral'], ['能不能帮我看看物流到哪了', 'neutral'],
  ['问题已经解决了，非常感谢！', 'positive'], ['客服态度很好，很耐心', 'positive'], ['太好了，终于收到了，谢谢你们', 'positive'],
  ['退款已经到账了，谢谢', 'positive'], ['你们的服务真的很棒', 'positive'], ['非常满意，下次还会再来', 'positive'],
  ['謝謝你的幫忙，問題解決了', 'positive'], ['服務很周到，給你們點讚', 'positive'], ['速度很快，東西也很好', 'positive'],
  ['感谢耐心解答！', 'positive'],
  ['我已经等了三天了，到现在还没人处理', 'negative'], ['你们这是什么服务？太差了！', 'negative'], ['扣了我两次钱，赶紧给我退回来', 'negative'],
  ['网络一直断，打了五次电话都没解决', 'negative'], ['再不处理我就去12315投诉', 'negative'], ['东西收到就是坏的，太失望了', 'negative'],
  ['这是第三次了，每次都说马上处理', 'negative'], ['客服根本不回消息', 'negative'], ['我要投诉你们的快递员，态度恶劣', 'negative'],
  ['密码重置了好几次还是登录不了', 'negative'], ['我的信用卡被盗刷了，怎么办？', 'negative'], ['账单多收了我50块钱', 'negative'],
  ['你們的APP一直閃退，根本沒法用', 'negative'], ['等了一個小時都沒人接電話', 'negative'], ['說好的退款呢？已經一週了', 'negative'],
  ['包裹丟了也沒人管', 'negative'], ['這已經是第二次送錯貨了', 'negative'], ['信號差到不行，每個月還收這麼多錢', 'negative'],
  ['客服答非所问，浪费我时间', 'negative'], ['说了三遍了，能不能认真看一下', 'negative'],
  ['请问这个优惠券怎么用？', 'neutral'], ['我想改一下收货地址', 'neutral'], ['你们支持花呗分期吗', 'neutral'], ['帮我查一下上个月的账单', 'neutral'],
  ['宽带什么时候能上门安装', 'neutral'], ['我要办理销户', 'neutral'], ['退款一般几个工作日到账？', 'neutral'], ['这个型号还有货吗', 'neutral'],
  ['請問可以開發票嗎', 'neutral'], ['我想了解一下你們的會員制度', 'neutral'], ['護照需要帶原件嗎', 'neutral'], ['我在外地，可以異地辦理嗎', 'neutral'],
  ['师傅来得很准时，安装也很专业', 'positive'], ['谢谢你们这么快就处理好了', 'positive'], ['客服小姐姐太贴心了', 'positive'], ['已经可以正常使用了，谢谢', 'positive'],
  ['東西很好用，推薦給朋友了', 'positive'], ['非常感謝你的耐心說明', 'positive'], ['這次處理得很快，很滿意', 'positive'], ['終於修好了，太感謝了', 'positive'],
  ['快递三天了还没发货', 'negative'], ['充值了话费一直没到账', 'negative'], ['电话打了十几次都没人接', 'negative'], ['你们的系统又崩了，什么都做不了', 'negative'],
  ['这个月话费怎么突然多了100块', 'negative'], ['收到的衣服有个大洞', 'negative'], ['客服一直踢皮球，没人负责', 'negative'], ['说好24小时内回复，现在都三天了', 'negative'],
  ['我很生气，你们必须给个说法', 'negative'], ['快递员态度很差，还把东西扔在门口', 'negative'],
  ['帳號被凍結了，也沒有任何通知', 'negative'], ['退款申請被拒絕了，理由根本不合理', 'negative'], ['維修了兩次還是一樣的問題', 'negative'], ['已經等了一個禮拜，到底什麼時候送到', 'negative'],
  ['網速慢得要死，根本看不了影片', 'negative'], ['你們客服的回覆都是複製貼上', 'negative'], ['扣款成功了但訂單顯示失敗', 'negative'], ['這種服務我真的受夠了', 'negative'],
  ['好的，谢谢，没有别的问题了', 'positive'], ['嗯，我再看看', 'neutral'],
];

function macroF1(rows: readonly [string, 'positive' | 'negative' | 'neutral'][], lang?: Parameters<typeof analyzeSentiment>[1]): number {
  const classes = ['positive', 'negative', 'neutral'] as const;
  const f1s = classes.map((c) => {
    let tp = 0, fp = 0, fn = 0;
    for (const [text, gold] of rows) {
      const p = analyzeSentiment(text, lang).label;
      if (p === c && gold === c) tp++;
      else if (p === c) fp++;
      else if (gold === c) fn++;
    }
    return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  });
  return f1s.reduce((a, b) => a + b, 0) / 3;
}

describe('hand-written customer messages', () => {
  it('3-class macro-F1 ≥ 0.6 on the small set', () => {
    expect(macroF1(CUSTOMER, 'en')).toBeGreaterThanOrEqual(0.6);
  });

  it('Chinese chat messages: 3-class macro-F1 ≥ 0.85, questions and requests neutral', () => {
    expect(macroF1(CUSTOMER_ZH)).toBeGreaterThanOrEqual(0.85);
    for (const [text, gold] of CUSTOMER_ZH) if (gold === 'neutral' && /[？?吗嗎]$/.test(text)) expect(analyzeSentiment(text).label, text).not.toBe('negative');
  });
});

describe('escalationRisk', () => {
  it('low for a calm conversation', () => {
    expect(escalationRisk([{ role: 'customer', text: 'Hi, where is my order?' }, { role: 'agent', text: 'It ships today.' }, { role: 'customer', text: 'Great, thanks!' }]).level).toBe('low');
  });
  it('high for legal words and for manager + cancel', () => {
    const r = escalationRisk([{ role: 'customer', text: 'I will contact my lawyer and the BBB.' }]);
    expect(r.level).toBe('high');
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(escalationRisk([{ role: 'customer', text: 'Let me speak to a manager.' }, { role: 'customer', text: 'Otherwise I will cancel my subscription.' }]).level).toBe('high');
  });
  it('medium for one signal; agents are ignored', () => {
    expect(escalationRisk([{ role: 'customer', text: 'Can I talk to your supervisor please?' }]).level).toBe('medium');
    expect(escalationRisk([{ role: 'agent', text: 'Our lawyer reviewed your case.' }]).level).toBe('low');
  });
  it('a neutral follow-up neither ends a run of negative messages nor calms the last one', () => {
    const angry = [
      { role: 'customer', text: 'I was charged twice for my order and nobody answers.' },
      { role: 'customer', text: "It's been three days and I still see both charges. This is really frustrating." },
    ];
    const chase = { role: 'customer', text: 'Any news on my refund?' };
    expect(escalationRisk([...angry, chase]).level).toBe('medium');
    expect(escalationRisk([...angry, chase, { role: 'customer', text: 'Still nothing, this is ridiculous.' }]).codes).toContain('sustained');
    // A positive message ends the run.
    expect(escalationRisk([...angry, { role: 'customer', text: 'Great, thanks for sorting it!' }]).level).toBe('low');
  });

  it('rising negativity', () => {
    const r = escalationRisk([
      { role: 'customer', text: 'Hello, my parcel is late.' },
      { role: 'agent', text: 'Let me check.' },
      { role: 'customer', text: 'Still nothing. This is ridiculous and unacceptable, worst service ever!' },
    ]);
    expect(r.level).not.toBe('low');
    expect(r.reasons.join(' ')).toMatch(/negativ/);
  });
  it('Chinese complaint words, both scripts', () => {
    expect(escalationRisk([{ role: 'customer', text: '再不处理我就去12315投诉' }]).level).toBe('high');
    expect(escalationRisk([{ role: 'customer', text: '我要找律師，向消協投訴' }]).level).toBe('high');
    expect(escalationRisk([{ role: 'customer', text: '叫你们经理来' }]).level).toBe('medium');
  });
});

describe('escalation: a threat to cancel names the brand in between', () => {
  it('"cancel my Acme subscription" counts as a threat to leave', async () => {
    const { escalationRisk } = await import('../../lib/analysis/escalation');
    const risk = escalationRisk([{ role: 'customer', text: "If this isn't sorted out today I'm going to cancel my Acme subscription." }]);
    expect(risk.codes).toContain('leave');
  });
});

describe('Chinese greetings and inability', () => {
  it('does not read a greeting (你好 / 您好) as praise that cancels a complaint', () => {
    const r = analyzeSentiment('你好，我上個月買的咖啡機壞了，還在保固期內。');
    expect(r.score).toBeLessThan(-0.1);
    expect(r.drivers.map((d) => d.text)).not.toContain('好');
  });

  it('reads "cannot at all" (完全沒辦法 / 没办法) as negative in both scripts', () => {
    expect(analyzeSentiment('機器一直閃紅燈，完全沒辦法煮咖啡。').score).toBeLessThan(-0.1);
    expect(analyzeSentiment('机器一直闪红灯，完全没办法煮咖啡。').score).toBeLessThan(-0.1);
  });
});
