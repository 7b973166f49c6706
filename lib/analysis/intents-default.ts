/**
 * The customer-service intent set shipped with Deskmate, written for the
 * product (no third-party data): about ten English phrasings per intent and a
 * few in simplified and traditional Chinese. Teams replace or extend it with
 * their own list (settings, policy or a CSV import).
 */
import type { Locale } from '../i18n';
import { trainIntents, type IntentModel } from './intent.ts';

export const DEFAULT_INTENT_PHRASES: Record<string, string[]> = {
  refund: [
    'I want a refund', 'can I get my money back', 'please refund my order', 'how long does a refund take',
    'I was promised a refund but never got it', 'refund me for the missing item', 'when will I see the refund on my card',
    'I would like to be reimbursed', 'give me my money back please', 'has my refund been processed yet',
    '我要退款', '请把钱退给我', '退款什么时候到账', '我要退款，錢什麼時候退回來', '請幫我辦理退款', '退款多久才會到帳',
    '退款一直没到账', '钱到现在还没退回来',
  ],
  cancel_order: [
    'cancel my order', 'I want to cancel the order I just placed', 'please cancel order 12345', 'can I still cancel my purchase',
    'I ordered by mistake, cancel it', 'stop my order before it ships', 'how do I cancel an order', 'I no longer want this order',
    'cancel the purchase I made yesterday', 'is it too late to cancel my order',
    '取消订单', '我想取消刚下的订单', '帮我把这个订单取消', '取消訂單', '我想取消剛下的訂單', '請幫我取消這筆訂單',
  ],
  track_order: [
    'where is my order', 'track my package', 'what is the status of my order', 'has my order shipped yet',
    'can you give me the tracking number', 'where is my parcel right now', 'I want to know where my delivery is',
    'when will my order arrive', 'order status please', 'how can I track my shipment',
    '我的订单到哪里了', '查一下物流', '快递到哪了', '我的訂單到哪裡了', '幫我查一下物流', '包裹現在在哪裡',
  ],
  delivery_delay: [
    'my order is late', 'the delivery is taking too long', 'my package still has not arrived', 'it was supposed to arrive last week',
    'why is my delivery delayed', 'the parcel is overdue', 'I have been waiting two weeks for my order',
    'delivery date has passed and nothing came', 'shipping is so slow', 'my order never arrived',
    '快递怎么还没到', '已经等了两个星期还没收到', '发货太慢了', '快遞怎麼還沒到', '已經等了兩週還沒收到', '出貨太慢了',
  ],
  damaged_item: [
    'the item arrived broken', 'my product is damaged', 'the box was crushed and the item is cracked', 'received a defective product',
    'the screen was smashed when it arrived', 'parts are missing and it is broken', 'the glass was shattered in the package',
    'it came scratched and dented', 'the package was damaged in transit', 'what I received is faulty out of the box',
    '收到的东西是坏的', '商品破损了', '包裹被压坏了', '收到的東西是壞的', '商品破損了', '包裝被壓壞，東西也裂了',
  ],
  return_item: [
    'I want to return this item', 'how do I send it back', 'can I return a product I bought', 'what is your return policy',
    'I need a return label', 'return the shoes, they do not fit', 'how many days do I have to return something',
    'I would like to exchange it for another size', 'start a return for my order', 'where do I ship the return',
    '我想退货', '怎么退货', '可以换货吗', '我想退貨', '怎麼退貨', '可以換貨嗎',
  ],
  change_address: [
    'change my delivery address', 'I need to update the shipping address', 'ship it to a different address',
    'I moved, please change the address on my order', 'wrong address on the order', 'can I change where my package goes',
    'deliver to my office instead', 'update the address before it ships', 'edit my shipping address', 'the postcode on my order is wrong',
    '修改收货地址', '我要改地址', '地址填错了', '修改收貨地址', '我要改寄送地址', '地址填錯了',
  ],
  payment_issue: [
    'my payment failed', 'the card was declined', 'I cannot pay at checkout', 'payment not going through',
    'why was my card rejected', 'error when I try to pay', 'paypal payment did not work', 'the transaction keeps failing',
    'I cannot complete the purchase, payment error', 'which payment methods do you accept',
    '付款失败', '支付不了', '信用卡被拒绝了', '付款失敗', '無法付款', '信用卡被拒絕了',
  ],
  double_charge: [
    'I was charged twice', 'double charge on my card', 'you billed me two times for one order', 'there are two identical payments',
    'I see a duplicate charge', 'charged more than once', 'my account was debited twice', 'why did you take the money twice',
    'I paid once but there are two charges', 'duplicate transaction on my statement',
    '被扣了两次钱', '重复扣款', '同一个订单收了两次费', '被扣了兩次錢', '重複扣款', '同一筆訂單收了兩次費用',
  ],
  account_access: [
    'I cannot log in', 'forgot my password', 'my account is locked', 'reset my password please',
    'the login page says my password is wrong', 'I am not receiving the verification code', 'locked out of my account',
    'I cannot sign in to my account', 'two factor code not working', 'how do I recover my account',
    '登录不了', '忘记密码了', '账号被锁了', '登入不了', '忘記密碼了', '帳號被鎖住了',
  ],
  update_details: [
    'change my email address', 'update my phone number', 'I want to change my name on the account', 'edit my profile details',
    'how do I update my personal information', 'change the billing details', 'my contact details are out of date',
    'update the card on file', 'change my account email', 'I need to correct my date of birth',
    '修改手机号', '更改邮箱', '更新个人信息', '修改手機號碼', '更改電子郵件', '更新個人資料',
  ],
  complaint: [
    'I want to make a complaint', 'this is unacceptable', 'very disappointed with your service', 'I am not happy with how I was treated',
    'your service is terrible', 'I want to file a formal complaint', 'this is the worst experience I have had',
    'nobody has answered my emails for a week', 'your staff was rude to me', 'I am fed up with this company',
    '我要投诉', '服务太差了', '非常不满意', '我要投訴', '服務太差了', '非常不滿意',
  ],
  speak_to_manager: [
    'let me speak to a manager', 'I want to talk to a supervisor', 'escalate this please', 'can I talk to a real person',
    'put me through to someone in charge', 'I need a human agent', 'transfer me to your manager', 'who is your supervisor',
    'get me someone more senior', 'I want to speak with a human',
    '我要找经理', '转人工', '找你们主管', '我要找經理', '轉人工客服', '找你們主管來',
  ],
  warranty_repair: [
    'is this covered by warranty', 'I need a repair', 'my device stopped working, can you fix it', 'how do I claim the warranty',
    'the warranty period', 'send it in for repair', 'it broke after three months, is it under guarantee',
    'book a repair for my product', 'can I get it fixed for free', 'warranty replacement please',
    '保修期多久', '需要维修', '坏了可以保修吗', '保固期多久', '需要維修', '壞了可以保固嗎',
  ],
  invoice_request: [
    'can I get an invoice', 'please send me a receipt', 'I need a VAT invoice', 'where can I download my invoice',
    'send the invoice to my email', 'I need a receipt for my expenses', 'the invoice has the wrong company name',
    'can you issue a tax invoice', 'copy of my bill please', 'I did not receive an invoice for my order',
    '开发票', '我需要发票', '请把收据发给我', '開發票', '我需要發票', '請把收據寄給我',
  ],
  subscription_cancel: [
    'cancel my subscription', 'stop my membership', 'I do not want to renew', 'turn off auto renewal',
    'unsubscribe me from the monthly plan', 'how do I end my subscription', 'stop charging me every month',
    'cancel my plan at the end of the period', 'I want to quit the premium membership', 'close my subscription account',
    '取消订阅', '关闭自动续费', '不想续费了', '取消訂閱', '關閉自動續費', '不想再續訂了',
  ],
  product_question: [
    'does this come in other colours', 'what size should I buy', 'is this product in stock', 'what are the dimensions',
    'is it compatible with my phone', 'what material is it made of', 'when will it be back in stock',
    'does it come with a charger', 'what is the difference between these two models', 'how much does it weigh',
    '有其他颜色吗', '这个有货吗', '尺寸是多少', '有其他顏色嗎', '這個有貨嗎', '尺寸是多少呢',
  ],
  technical_issue: [
    'the app keeps crashing', 'the website is not loading', 'I get an error message', 'the device will not turn on',
    'it does not connect to wifi', 'the update broke something', 'the page shows error 500', 'bluetooth pairing does not work',
    'the software freezes', 'the app will not open on my phone',
    '应用闪退', '网页打不开', '一直报错', '應用程式閃退', '網頁打不開', '一直出現錯誤訊息',
  ],
  feedback_positive: [
    'thank you so much', 'great service', 'you have been very helpful', 'I love the product', 'thanks for the quick reply',
    'excellent support, well done', 'really happy with my purchase', 'the delivery was super fast, thanks',
    'amazing, problem solved', 'keep up the good work',
    '谢谢你', '服务很好', '非常满意', '謝謝你', '服務很好', '非常滿意',
  ],
  greeting: [
    'hello', 'hi there', 'good morning', 'hey', 'hi, is anyone there', 'good afternoon', 'hello, I have a question',
    'hi, can you help me', 'good evening', 'anybody there',
    '你好', '在吗', '您好，请问', '你好', '在嗎', '您好，請問',
  ],
};

/**
 * Messages that are none of the shipped intents (small talk, tests, off-topic questions), written
 * for the product like the phrases above. Learned as "none of these", so that a chatty or
 * off-topic message is not read as, say, a technical issue because it shares a few words with one.
 */
export const DEFAULT_OUT_OF_SCOPE: string[] = [
  'tell me a joke', 'what is the meaning of life', 'who won the football match last night', 'recommend a good movie',
  'I am so bored', 'what is your favourite colour', 'do you like music', 'how old are you', 'are you a robot',
  'what is two plus two', 'sing me a song', 'my dog is asleep on the sofa', 'I had pasta for lunch',
  'where should I go on holiday', 'how tall is the eiffel tower', 'can you help with my homework',
  'what is the capital of France', 'I love playing tennis', 'tell me something interesting', 'how do you make pancakes',
  'lol', 'ok', 'hmm', 'test', 'testing 123', 'haha that is funny', 'what are you up to', 'who made you',
  '讲个笑话', '你是机器人吗', '今天吃什么好', '推荐一部电影', '我好无聊', '你几岁了',
  '講個笑話', '你是機器人嗎', '今天吃什麼好', '推薦一部電影', '我好無聊', '你幾歲了',
];

/** What the side panel calls each shipped intent, in each interface language. */
export const DEFAULT_INTENT_LABELS: Record<string, Record<Locale, string>> = {
  refund: { en: 'Refund', zh_CN: '退款', zh_TW: '退款' },
  cancel_order: { en: 'Cancel an order', zh_CN: '取消订单', zh_TW: '取消訂單' },
  track_order: { en: 'Where is my order', zh_CN: '查询订单物流', zh_TW: '查詢訂單物流' },
  delivery_delay: { en: 'Late delivery', zh_CN: '配送延迟', zh_TW: '配送延遲' },
  damaged_item: { en: 'Damaged or faulty item', zh_CN: '商品破损或故障', zh_TW: '商品破損或故障' },
  return_item: { en: 'Return or exchange', zh_CN: '退换货', zh_TW: '退換貨' },
  change_address: { en: 'Change the delivery address', zh_CN: '修改收货地址', zh_TW: '修改收貨地址' },
  payment_issue: { en: 'Payment problem', zh_CN: '付款问题', zh_TW: '付款問題' },
  double_charge: { en: 'Charged twice', zh_CN: '重复扣款', zh_TW: '重複扣款' },
  account_access: { en: "Can't sign in", zh_CN: '无法登录账号', zh_TW: '無法登入帳號' },
  update_details: { en: 'Update account details', zh_CN: '修改账户信息', zh_TW: '修改帳戶資料' },
  complaint: { en: 'Complaint', zh_CN: '投诉', zh_TW: '投訴' },
  speak_to_manager: { en: 'Wants a manager or a person', zh_CN: '要求主管或人工', zh_TW: '要求主管或真人' },
  warranty_repair: { en: 'Warranty or repair', zh_CN: '保修或维修', zh_TW: '保固或維修' },
  invoice_request: { en: 'Invoice or receipt', zh_CN: '发票或收据', zh_TW: '發票或收據' },
  subscription_cancel: { en: 'Cancel a subscription', zh_CN: '取消订阅', zh_TW: '取消訂閱' },
  product_question: { en: 'Product question', zh_CN: '商品咨询', zh_TW: '商品諮詢' },
  technical_issue: { en: 'Technical problem', zh_CN: '技术问题', zh_TW: '技術問題' },
  feedback_positive: { en: 'Praise or thanks', zh_CN: '表扬或感谢', zh_TW: '表揚或感謝' },
  greeting: { en: 'Greeting', zh_CN: '问候', zh_TW: '問候' },
};

/**
 * The name to show for an intent: a shipped intent's label in the interface language; any other
 * name (a team's own intent) as it is.
 */
export function intentLabel(name: string, locale: Locale): string {
  return Object.hasOwn(DEFAULT_INTENT_LABELS, name) ? DEFAULT_INTENT_LABELS[name]![locale] : name;
}

/** The shipped set as training examples. */
export function defaultIntentExamples(): { text: string; label: string }[] {
  return Object.entries(DEFAULT_INTENT_PHRASES).flatMap(([label, phrases]) => phrases.map((text) => ({ text, label })));
}

let cached: IntentModel | undefined;

/** The model of the shipped set (trained on first use, then cached). */
export function defaultIntentModel(): IntentModel {
  return (cached ??= trainIntents(defaultIntentExamples(), { outOfScope: DEFAULT_OUT_OF_SCOPE }));
}
