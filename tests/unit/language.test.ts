import { describe, expect, it } from 'vitest';
import { conversationLanguage, detectLanguage, type LanguageMessage, type ScoredLanguage } from '../../lib/analysis/language';

const lang = (text: string) => detectLanguage(text).language;
const conf = (text: string) => detectLanguage(text).confidence;

// ------------------------------------------------------------ sentence sets
// Support-style messages, written for this test; the accuracy check below runs over all of them.

const EN = [
  "Hi, my order hasn't arrived yet and it's been two weeks.",
  'Can you please tell me where my package is?',
  'I was charged twice for the same subscription.',
  "The tracking number you sent me doesn't work.",
  "I'd like to return the shoes, they are too small.",
  'My account got locked after I changed my password.',
  'Thanks for your help, that solved it!',
  'The screen on my laptop is cracked, can I get a replacement?',
  'Why was my refund only partial?',
  'I never received the confirmation email.',
  'Could you cancel my order before it ships?',
  'The app keeps crashing when I open the settings page.',
  "I'm still waiting for someone to get back to me.",
  'Please update the delivery address to 42 Baker Street.',
  'Is there a discount for students?',
  'The item I received is not what I ordered.',
  'How long does shipping to Canada usually take?',
  "I can't log in with my Google account anymore.",
  'The headphones stopped charging after a week.',
  'Can I change the size of my order?',
  'You charged my card but the order shows as failed.',
  'My coupon code was rejected at checkout.',
  'Hello, I need an invoice for my company.',
  'The package was left at the wrong house.',
  'When will the blue version be back in stock?',
  'I want to speak to a manager about this.',
  'The battery drains really fast since the last update.',
  'Do you ship to PO boxes?',
  'I have been a customer for years and this is very disappointing.',
  'Your website says delivered but I have nothing.',
  'Can you resend the activation link?',
  'Where can I find my order history?',
  'The box arrived damaged and two glasses were broken.',
  'I would like to upgrade my plan to the annual one.',
  'My son bought this by mistake, can we get our money back?',
  'Is it possible to pick up the order in store?',
  'The warranty should cover this, right?',
  'I just want to know what is going on with my refund.',
  "The microphone doesn't work during calls.",
  'Please close this ticket, the issue is resolved.',
  'Thank you so much, have a great day!',
  'I entered the wrong email address when I signed up.',
  'The courier said they tried to deliver but nobody came.',
  'How do I reset two-factor authentication?',
  'This is the third time I am contacting you about the same problem.',
  'My subscription renewed even though I cancelled it last month.',
  'Can you confirm that the replacement has shipped?',
  'The color is completely different from the pictures.',
  'I need this by Friday, is express shipping available?',
  'Sorry for the late reply, I was travelling.',
  'What is your return policy for opened items?',
  'The printer shows an error every time I try to print.',
  'I paid with PayPal but it says payment pending.',
  'Our team cannot access the shared workspace since this morning.',
  'Could you add a gift note to my order?',
  'I think there is a mistake on my bill.',
  'The size chart was wrong, the jacket is huge.',
  "Any update on this? It's been three days.",
  'Great, that works for me.',
  'Let me know if you need anything else from me.',
];

const ZH_HANS = [
  '你好，我的订单还没到。',
  '我上周买的耳机坏了，能换一个吗？',
  '请问什么时候可以发货？',
  '我的账号登录不了，一直提示密码错误。',
  '快递显示已签收，但是我没有收到。',
  '我想申请退款，怎么操作？',
  '为什么我被扣了两次钱？',
  '这个商品和图片上的颜色不一样。',
  '麻烦帮我查一下物流信息。',
  '我的 iPhone 15 Pro 屏幕碎了，可以保修吗？',
  '优惠券用不了，结算的时候显示无效。',
  '收到的货少了一件。',
  '请尽快处理，谢谢！',
  '我已经等了一个星期了，还是没有回复。',
  '能不能开发票？',
  '地址填错了，可以修改吗？',
  '包装破损，里面的杯子也碎了。',
  '会员自动续费了，我没有同意。',
  '客服电话一直打不通。',
  '这个问题什么时候能解决？',
  '我要投诉，你们的服务太差了。',
  'App 更新以后一直闪退。',
  '请问支持货到付款吗？',
  '我想把订单取消，还没发货。',
  '退货的运费谁来承担？',
  '这款手机有没有黑色的？',
  '尺码偏小，能换大一号吗？',
  '你们的快递太慢了。',
  '我的退款到账了吗？',
  '充电器插上没有反应。',
  '我收到的是旧的，不是新的。',
  '请帮我转接人工客服。',
  '验证码一直收不到。',
  '我换了手机号，怎么绑定新的？',
  '说明书是英文的，有中文版吗？',
  '我买的是两件，只发了一件。',
  '好的，谢谢你的帮助。',
  '明天之前能送到吗？',
  '电脑开机以后黑屏，怎么办？',
  '为什么我的账户被冻结了？',
  '这个价格和昨天不一样。',
  '请问发票可以寄到公司吗？',
  '我在网上下单，想到门店自提。',
  '订单显示已取消，但是钱没退。',
  '耳机只有一边有声音。',
  '你们什么时候上班？',
  '我对这次的处理结果很满意。',
  '我的快递被送到别的地方了。',
  '请问保修期是多久？',
  '这件衣服洗了一次就掉色了。',
  '我想修改收货人的名字。',
  '能不能给我一个准确的时间？',
  '系统一直显示网络错误。',
  '我用微信支付的，怎么退款？',
  '请问你们有没有实体店？',
  '我昨天打过电话，说会有人联系我。',
  '这个问题已经解决了，谢谢。',
  '充值以后余额没有变化。',
  '我不想要了，可以直接退货吗？',
  '麻烦帮我看看订单号 20240518 的状态。',
];

const ZH_HANT = [
  '您好，我的訂單還沒到。',
  '我上週買的耳機壞了，可以換一個嗎？',
  '請問什麼時候可以出貨？',
  '我的帳號登入不了，一直顯示密碼錯誤。',
  '物流顯示已簽收，但是我沒有收到。',
  '我想申請退款，要怎麼操作？',
  '為什麼我被扣了兩次錢？',
  '這個商品跟圖片上的顏色不一樣。',
  '麻煩幫我查一下物流資訊。',
  '我的 iPhone 15 Pro 螢幕碎了，可以保固嗎？',
  '優惠券不能用，結帳的時候顯示無效。',
  '收到的貨少了一件。',
  '請盡快處理，謝謝！',
  '我已經等了一個禮拜了，還是沒有回覆。',
  '可以開發票嗎？',
  '地址填錯了，可以修改嗎？',
  '包裝破損，裡面的杯子也碎了。',
  '會員自動續訂了，我沒有同意。',
  '客服電話一直打不通。',
  '這個問題什麼時候能解決？',
  '我要客訴，你們的服務太差了。',
  'App 更新之後一直閃退。',
  '請問可以貨到付款嗎？',
  '我想取消訂單，還沒出貨。',
  '退貨的運費由誰負擔？',
  '這款手機有沒有黑色的？',
  '尺寸偏小，可以換大一號嗎？',
  '你們的宅配太慢了。',
  '我的退款入帳了嗎？',
  '充電器插上去沒有反應。',
  '我收到的是舊的，不是新的。',
  '請幫我轉接真人客服。',
  '驗證碼一直收不到。',
  '我換了手機號碼，要怎麼綁定新的？',
  '說明書是英文的，有中文版嗎？',
  '我買了兩件，只寄來一件。',
  '好的，謝謝你的幫忙。',
  '明天之前可以送達嗎？',
  '電腦開機之後黑畫面，該怎麼辦？',
  '為什麼我的帳戶被凍結了？',
  '這個價格跟昨天不一樣。',
  '請問發票可以寄到公司嗎？',
  '我在網路上下單，想到門市取貨。',
  '訂單顯示已取消，但是錢沒有退。',
  '耳機只有一邊有聲音。',
  '你們幾點開始營業？',
  '我對這次的處理結果很滿意。',
  '我的包裹被送到別的地方了。',
  '請問保固期是多久？',
  '這件衣服洗一次就褪色了。',
  '我想修改收件人的名字。',
  '可以給我一個確切的時間嗎？',
  '系統一直顯示網路錯誤。',
  '我是用 LINE Pay 付款的，要怎麼退款？',
  // Hong Kong, written Cantonese
  '你哋嘅門市喺邊度？',
  '我琴日打過電話，話會有人聯絡我。',
  '這個問題已經解決了，感謝。',
  '儲值之後餘額沒有變化。',
  '我不想要了，可以直接退貨嗎？',
  '唔該幫我睇下訂單 20240518 嘅狀態。',
];

const OTHER = [
  // Japanese
  '注文した商品がまだ届きません。',
  '返品の方法を教えてください。',
  'パスワードを忘れてしまいました。',
  '配送先の住所を変更したいです。',
  'ありがとうございます！',
  '届いた商品が壊れていました。',
  '請求が二重になっています。',
  'アプリが起動しません。',
  // Korean
  '주문한 상품이 아직 도착하지 않았어요.',
  '환불은 언제 되나요?',
  '비밀번호를 잊어버렸어요.',
  '배송지를 변경하고 싶습니다.',
  '감사합니다!',
  '제품이 파손된 상태로 왔어요.',
  // French
  "Bonjour, ma commande n'est toujours pas arrivée.",
  "Je voudrais être remboursé, s'il vous plaît.",
  'Le colis est arrivé abîmé.',
  "Pouvez-vous changer l'adresse de livraison ?",
  'Merci beaucoup pour votre aide.',
  'Mon compte est bloqué depuis hier.',
  // German
  'Hallo, meine Bestellung ist noch nicht angekommen.',
  'Ich möchte das Produkt zurückschicken.',
  'Das Paket wurde beschädigt geliefert.',
  'Können Sie mir bitte eine Rechnung schicken?',
  'Vielen Dank für die schnelle Hilfe!',
  'Mein Passwort funktioniert nicht mehr.',
  // Spanish
  'Hola, mi pedido todavía no ha llegado.',
  'Quiero devolver estos zapatos, son muy pequeños.',
  'Me cobraron dos veces el mismo pedido.',
  '¿Cuándo llega mi paquete?',
  'Muchas gracias por su ayuda.',
  'No puedo entrar en mi cuenta.',
  // Portuguese
  'Olá, o meu pedido ainda não chegou.',
  'Quero cancelar a minha assinatura.',
  'O produto veio com defeito.',
  'Obrigado pela ajuda!',
  // Italian
  'Buongiorno, il mio ordine non è ancora arrivato.',
  'Vorrei un rimborso per favore.',
  'Il pacco è arrivato danneggiato.',
  "Grazie mille per l'aiuto.",
  // Dutch
  'Hallo, mijn bestelling is nog niet aangekomen.',
  'Ik wil graag mijn geld terug.',
  'Het pakket is beschadigd aangekomen.',
  // Russian
  'Здравствуйте, мой заказ ещё не пришёл.',
  'Я хочу вернуть товар.',
  'Спасибо за помощь!',
  'Не могу войти в свой аккаунт.',
  // Indonesian, Vietnamese, Arabic, Thai, Turkish, Polish, Hindi, Greek, Hebrew, Swedish, Tagalog
  'Halo, pesanan saya belum sampai.',
  'Saya ingin mengembalikan barang ini.',
  'Tôi chưa nhận được đơn hàng.',
  'Cảm ơn bạn rất nhiều!',
  'مرحبا، طلبي لم يصل بعد.',
  'أريد استرداد أموالي.',
  'สวัสดีครับ สินค้ายังไม่มาถึงเลย',
  'ขอบคุณมากค่ะ',
  'Merhaba, siparişim hâlâ gelmedi.',
  'Teşekkür ederim.',
  'Dzień dobry, moja paczka jeszcze nie dotarła.',
  'नमस्ते, मेरा ऑर्डर अभी तक नहीं आया है।',
  'Γεια σας, η παραγγελία μου δεν έχει φτάσει ακόμα.',
  'שלום, ההזמנה שלי עדיין לא הגיעה.',
  'Hej, min beställning har inte kommit än.',
  'Hindi pa po dumarating ang order ko.',
];

const SETS: Record<ScoredLanguage, string[]> = { en: EN, 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT, other: OTHER };

// ----------------------------------------------------------------- messages

describe('detectLanguage', () => {
  it('reads English support messages as en, with good confidence', () => {
    for (const text of [
      "Hi, my order #A-20931 hasn't arrived yet. Can you check?",
      'I was charged twice for my subscription, please refund one of them.',
      'The replacement charger you sent stopped working after two days.',
    ]) {
      expect(detectLanguage(text)).toMatchObject({ language: 'en' });
      expect(conf(text)).toBeGreaterThan(0.7);
    }
  });

  it('reads simplified Chinese as zh-Hans and traditional as zh-Hant', () => {
    expect(detectLanguage('你好，我的订单还没到')).toMatchObject({ language: 'zh-Hans' });
    expect(detectLanguage('您好，我的訂單還沒到')).toMatchObject({ language: 'zh-Hant' });
    expect(lang('请问退款什么时候到账？')).toBe('zh-Hans');
    expect(lang('請問退款什麼時候入帳？')).toBe('zh-Hant');
    expect(conf('你好，我的订单还没到')).toBeGreaterThan(0.7);
    expect(conf('您好，我的訂單還沒到')).toBeGreaterThan(0.7);
  });

  it('reads Hong Kong written Cantonese as zh-Hant', () => {
    expect(lang('我部手機壞咗，點算好？')).toBe('zh-Hant');
    expect(lang('唔該幫我查下張單')).toBe('zh-Hant');
  });

  it('reads Chinese with English product names as Chinese', () => {
    expect(lang('我的 iPhone 15 Pro 坏了')).toBe('zh-Hans');
    expect(lang('我的 iPhone 15 Pro 壞了')).toBe('zh-Hant');
    expect(lang('请问 AirPods Pro 2 的充电盒可以单独买吗？')).toBe('zh-Hans');
    expect(lang('我的 MacBook Air 開不了機，Apple Store 說要送修')).toBe('zh-Hant');
    expect(lang('Hi，我想退货')).toBe('zh-Hans');
    expect(lang('Order 12345 還沒收到，請幫我查詢')).toBe('zh-Hant');
  });

  it('reads English that mentions a Chinese name as English', () => {
    expect(lang("My order for 张伟 hasn't arrived, can you check the address?")).toBe('en');
  });

  it('reads Japanese, Korean, French, German, Spanish and Russian as other', () => {
    for (const text of [
      '注文した商品がまだ届きません',
      '주문한 상품이 아직 도착하지 않았어요',
      "Bonjour, ma commande n'est pas encore arrivée",
      'Hallo, meine Bestellung ist noch nicht angekommen',
      'Hola, mi pedido no ha llegado todavía',
      'Здравствуйте, мой заказ ещё не пришёл',
    ]) {
      expect(detectLanguage(text), text).toMatchObject({ language: 'other' });
      expect(conf(text), text).toBeGreaterThan(0.6);
    }
  });

  it('reads Japanese with kanji as other, not Chinese', () => {
    expect(lang('東京都の住所に送ってください')).toBe('other');
    expect(lang('お問い合わせ番号を確認しました')).toBe('other');
  });

  it('calls unaccented Spanish and Italian other on their function words', () => {
    expect(lang('hola mi pedido no ha llegado y necesito ayuda por favor')).toBe('other');
    expect(lang('il mio ordine non e ancora arrivato')).toBe('other');
  });

  it('is unknown for numbers, URLs, e-mail addresses, codes and emoji alone', () => {
    for (const text of [
      '',
      '   ',
      '12345',
      '#A-20240518-77',
      'ORD-2024-00123',
      'https://shop.example.com/orders/123?ref=mail',
      'www.example.com',
      'support@example.com',
      '+1 (555) 010-2030',
      '👍🙏',
      '???!!',
      'https://example.com 12345 jane@example.org',
    ]) {
      expect(detectLanguage(text), text).toEqual({ language: 'unknown', confidence: 0 });
    }
  });

  it('gives very short texts low confidence', () => {
    expect(detectLanguage('ok')).toMatchObject({ language: 'en' });
    expect(conf('ok')).toBeLessThan(0.5);
    expect(conf('thanks')).toBeLessThan(0.5);
  });

  it('reads "好" alone as Chinese with an undecided script: zh-Hans at low confidence', () => {
    const r = detectLanguage('好');
    expect(r.language).toBe('zh-Hans');
    expect(r.confidence).toBeLessThan(0.3);
    expect(r.scores!['zh-Hans']).toBe(r.scores!['zh-Hant']);
    expect(r.scores!['zh-Hans'] + r.scores!['zh-Hant']).toBeCloseTo(1, 5);
  });

  it('ranks confidence by length and clarity', () => {
    expect(conf('ok')).toBeLessThan(conf('ok thanks, that works'));
    expect(conf('ok thanks, that works')).toBeLessThan(
      conf("Thanks, that works. I'll wait for the replacement and let you know if it doesn't arrive by Friday."),
    );
    expect(conf('好')).toBeLessThan(conf('谢谢'));
    expect(conf('谢谢')).toBeLessThan(conf('你好，我的订单还没到，能帮我查一下吗？'));
    expect(conf('好')).toBeLessThan(conf('好的'));
    // Same length, one clear and one mixed: the clear one is surer.
    expect(conf('我的手机坏了怎么办')).toBeGreaterThan(conf('我的 iPhone 坏了'));
  });

  it('returns scores that form a distribution', () => {
    for (const text of ['Hello there', '我的 iPhone 15 Pro 坏了', 'Merci', '주문']) {
      const s = detectLanguage(text).scores!;
      const sum = s.en + s['zh-Hans'] + s['zh-Hant'] + s.other;
      expect(sum, text).toBeCloseTo(1, 2);
      for (const v of Object.values(s)) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('handles long and odd input without throwing', () => {
    expect(lang('The package is late. '.repeat(5000))).toBe('en');
    expect(lang('我的订单还没到。'.repeat(5000))).toBe('zh-Hans');
    expect(lang('\u0000\uffff\ud800')).toBe('unknown');
  });

  it(`is at least 95% accurate on each sentence set (${Object.values(SETS).reduce((n, s) => n + s.length, 0)} sentences)`, () => {
    const misses: string[] = [];
    for (const [expected, sentences] of Object.entries(SETS)) {
      expect(sentences.length).toBeGreaterThanOrEqual(60);
      let right = 0;
      for (const s of sentences) {
        const got = lang(s);
        if (got === expected) right++;
        else misses.push(`${expected} → ${got}: ${s}`);
      }
      expect(right / sentences.length, `${expected}; misses:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.95);
    }
  });
});

// ------------------------------------------------------------- conversations

const c = (role: string, text: string): LanguageMessage => ({ role, text });

describe('conversationLanguage', () => {
  it('is unknown with no messages or no usable text', () => {
    expect(conversationLanguage([])).toEqual({ language: 'unknown', confidence: 0 });
    expect(conversationLanguage([c('customer', '12345'), c('customer', 'https://example.com/x'), c('system', '')])).toEqual({
      language: 'unknown',
      confidence: 0,
    });
  });

  it('settles a short ambiguous last message by the script of the conversation', () => {
    const hant = conversationLanguage([
      c('customer', '您好，我的訂單還沒到，可以幫我查一下嗎？'),
      c('agent', '您好，請提供您的訂單編號。'),
      c('customer', '好'),
    ]);
    expect(hant.language).toBe('zh-Hant');
    expect(hant.confidence).toBeGreaterThan(0.6);

    const hans = conversationLanguage([
      c('customer', '你好，我的订单还没到，可以帮我查一下吗？'),
      c('agent', '您好，请提供您的订单编号。'),
      c('customer', '好的'),
    ]);
    expect(hans.language).toBe('zh-Hans');
    expect(hans.confidence).toBeGreaterThan(0.6);
  });

  it('falls back to zh-Hans at low confidence when no message tells the scripts apart', () => {
    const r = conversationLanguage([c('customer', '好'), c('customer', '你好')]);
    expect(r.language).toBe('zh-Hans');
    expect(r.confidence).toBeLessThan(0.5);
  });

  it('goes by the customer, not the agent', () => {
    const r = conversationLanguage([
      c('customer', '您好，我的訂單還沒到。'),
      c('agent', 'Hello! Thanks for reaching out. I have checked your order and it is on its way, it should arrive by Friday.'),
      c('agent', 'Is there anything else I can help you with today?'),
    ]);
    expect(r.language).toBe('zh-Hant');
  });

  it('counts recent customer messages more', () => {
    const r = conversationLanguage([
      c('customer', 'Hi, my order has not arrived.'),
      c('agent', 'Sorry to hear that, let me check.'),
      c('customer', '不好意思，我还是用中文吧，我的订单到现在还没有收到。'),
      c('customer', '麻烦帮我看一下物流信息，谢谢'),
    ]);
    expect(r.language).toBe('zh-Hans');
  });

  it('stays English when the customer writes English and adds a short Chinese word', () => {
    const r = conversationLanguage([
      c('customer', 'Hello, I ordered a blender two weeks ago and it still has not shipped.'),
      c('agent', 'Let me look into that for you.'),
      c('customer', 'Thanks, please let me know as soon as you can. 谢谢'),
    ]);
    expect(r.language).toBe('en');
  });

  it('uses the agent when the customer wrote nothing usable', () => {
    expect(conversationLanguage([c('customer', '#12345'), c('agent', 'Thanks, I will check this order for you now.')]).language).toBe(
      'en',
    );
  });

  it('is surer with more conversation', () => {
    const one = conversationLanguage([c('customer', 'ok')]);
    const more = conversationLanguage([
      c('customer', 'My package was damaged when it arrived.'),
      c('agent', 'Sorry about that, we will send a replacement.'),
      c('customer', 'ok'),
    ]);
    expect(one.language).toBe('en');
    expect(more.language).toBe('en');
    expect(more.confidence).toBeGreaterThan(one.confidence);
  });
});
