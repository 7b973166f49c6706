/**
 * Message and conversation language: `en`, `zh-Hans`, `zh-Hant`, `other`, or
 * `unknown` when there is nothing to read (empty, numbers, URLs, e-mail
 * addresses, emoji). Local, synchronous, no DOM and no network, so it runs in
 * the background service worker; one pass over the text plus a few table
 * look-ups (a few microseconds for a typical message).
 *
 * How it decides (detectLanguage):
 * 1. Noise goes first: URLs, e-mail addresses and ASCII tokens that contain a
 *    digit (order numbers, SKUs, "iPhone15") say nothing about the language.
 * 2. One pass sorts what is left by script into weighted "units", roughly one
 *    per word: Han characters count 1/1.5 each (a Chinese word is about 1.5
 *    characters); Latin words count 1 when they are known function words or
 *    carry diacritics, 0.4 otherwise (brand and product names such as
 *    "iPhone", "Pro"); Kana-bearing text is Japanese and Hangul is Korean
 *    (both `other`), as are words in Cyrillic, Greek, Arabic, Hebrew, Indic,
 *    Thai and every other script.
 *    The script with the most units carries the message, so "我的 iPhone 15
 *    Pro 坏了" is Chinese while "My order for 张伟 hasn't arrived" is English.
 * 3. Latin text is English or `other` on the evidence of compact function-word
 *    lists (English and a dozen other Latin-script languages, plus pinyin; a
 *    word in several lists is shared between them), diacritics (any non-ASCII
 *    Latin letter is evidence against English), French/Italian elisions,
 *    English contractions and a few spelling patterns. Latin text with no
 *    evidence either way leans English, with low confidence.
 * 4. Han text is simplified or traditional by counting characters that exist in
 *    only one of the two scripts (SCRIPT_PAIRS below: the simplified form and its
 *    traditional counterparts); characters the two share count for neither, so
 *    do characters that Hong Kong usage writes the "simplified" way (户 温 脱
 *    税 着 …). A few written-Cantonese characters (嘅 咗 冇 …) count half for
 *    traditional. With no distinguishing character at all ("好", "你好"), the
 *    message is Chinese with an undecided script: detectLanguage says
 *    `zh-Hans` (the more common script) with at most half the confidence, and
 *    conversationLanguage settles the script from the other messages.
 * 5. `scores` is a distribution over en / zh-Hans / zh-Hant / other. The
 *    answer is Chinese, English or other by the larger of (zh-Hans + zh-Hant),
 *    en and other, then the script; `confidence` is the chosen label's score
 *    times a size factor, so short texts ("ok", "好", "Danke") get low
 *    confidence and longer clear texts get more.
 *
 * Limits: Japanese written only in kanji (no kana) reads as Chinese;
 * traditional text without a single distinguishing character reads zh-Hans
 * (low confidence); Latin-script languages outside the lists, written without
 * diacritics, can read as low-confidence English; pinyin is `other`; a message
 * mixing both Chinese scripts goes by the majority; only the first 20,000
 * characters of a message are read.
 */

export type DetectedLanguage = 'en' | 'zh-Hans' | 'zh-Hant' | 'other' | 'unknown';
export type ScoredLanguage = Exclude<DetectedLanguage, 'unknown'>;

export interface LanguageResult {
  language: DetectedLanguage;
  /** 0..1: how sure, given both the margin and how much text there was. */
  confidence: number;
  /** Distribution over the four languages (sums to 1, each rounded to 3 places); absent for `unknown`. */
  scores?: Record<ScoredLanguage, number>;
}

export interface LanguageMessage {
  role: string;
  text: string;
}

// ----------------------------------------------------------------- Han data

/**
 * Simplified characters followed by their traditional counterparts, one group
 * per space-separated token: "为為爲" is simplified 为, traditional 為 or 爲
 * (Taiwan and Hong Kong forms both listed: 說説 綫線 閱閲 …). About a thousand
 * frequent characters, support vocabulary first, where the simplified form is
 * not in ordinary traditional use and the traditional form is not in ordinary
 * simplified use. Kept although the other script has a rare use for them (a
 * surname, an archaic word): 万 几 于/於 种 价 确 据 叶 广 厂 丰 苹 适 胜.
 * Left out because both scripts write them for some common word: 后 里 干 台
 * 系 只 面 了 才 云 余 准 周 范 松 板 表 制 征 游 注 采 占 卷 布 舍 志 念 凶 伙
 * 借 致 斗 谷 出 向 回 症 杰 柜 极 党 愿 涂 涌 虫 …; and the forms Hong Kong
 * traditional writes like simplified: 户 温 脱 税 悦 兑 着 灶 峰 群 床 秘.
 */
const SCRIPT_PAIRS =
  '这這 们們 说說説 时時 为為爲 发發髮 会會 对對 现現 问問 题題 还還 没沒 过過 个個 来來 吗嗎 么麼 给給 让讓 从從 与與 并並 虽雖 ' +
  '却卻 无無 论論 总總 须須 当當 将將 刚剛 种種 类類 别別 双雙 几幾 两兩 万萬 亿億 块塊 张張 条條 边邊 头頭 谁誰 儿兒 岁歲 ' +
  '样樣 应應 该該 够夠 见見 观觀 听聽 讲講 谈談 话話 记記 认認 识識 觉覺 进進 远遠 连連 选選 达達 迟遲 运運 动動 开開 关關 ' +
  '门門 间間 闭閉 闲閒閑 闻聞 阅閱閲 队隊 阳陽 阴陰 际際 陈陳 险險 随隨 难難 静靜 顶頂 项項 顺順 顾顧 顿頓 预預 领領 频頻 颜顏 ' +
  '额額 风風 飞飛 马馬 鱼魚 鸟鳥 鸡雞 龙龍 齐齊 长長 车車 东東 丝絲 丢丟 严嚴 丰豐 临臨 丽麗 举舉 义義 乐樂 习習 乡鄉 书書 ' +
  '买買 卖賣 乱亂 争爭 于於 亏虧 亚亞 产產 亲親 仅僅 仓倉 价價 众眾衆 优優 伟偉 传傳 伤傷 伦倫 体體 侦偵 侧側 债債 倾傾 偿償 ' +
  '储儲 兰蘭 兴興 养養 内內 写寫 军軍 农農 冲衝 决決 况況 冻凍 净淨 凉涼 减減 凤鳳 击擊 刘劉 则則 创創 删刪 剧劇 劝勸 办辦 ' +
  '务務 劳勞 势勢 区區 医醫 华華 协協 单單 卢盧 卫衛衞 厂廠 厅廳 历歷曆 压壓 厕廁 县縣 参參 变變 叙敘敍 叶葉 号號 叹嘆歎 吓嚇 启啟啓 ' +
  '吴吳 员員 呜嗚 响響 哑啞 唤喚 啰囉 团團 园園 围圍 国國 图圖 圆圓 圣聖 场場 坏壞 坚堅 墙牆 壮壯 声聲 壳殼 处處 备備 复復複 ' +
  '夹夾 夺奪 奋奮 奖獎 妈媽 妇婦 娱娛 婴嬰 学學 宁寧 宝寶 实實 宠寵 审審 宫宮 宽寬 宾賓 寻尋 导導 寿壽 尔爾 尘塵 尝嘗 尽盡儘 ' +
  '层層 届屆 属屬 岂豈 岗崗 岛島 峡峽 币幣 帅帥 师師 帐帳 带帶 帮幫 广廣 庆慶 库庫 庙廟 废廢 异異 弃棄 弯彎 弹彈 强強 归歸 ' +
  '录錄 彻徹 径徑 忆憶 忧憂 怀懷 态態 怜憐 恋戀 恶惡噁 恼惱 悬懸 惊驚 惧懼 惨慘 惯慣 愤憤 戏戲 战戰 扑撲 执執 扩擴 扫掃 扬揚 ' +
  '扰擾 抢搶 护護 报報 担擔 拟擬 拥擁 拦攔 择擇 挂掛 挤擠 挥揮 损損 换換 据據 携攜 摄攝 摆擺 摇搖 敌敵 数數 断斷 旧舊 显顯 ' +
  '晒曬 晓曉 晕暈 暂暫 术術 机機 杀殺 杂雜 权權 构構 枪槍 标標 栏欄 树樹 档檔 桥橋 梦夢 检檢 楼樓 横橫 欢歡 欧歐 残殘 毕畢 ' +
  '气氣 汇匯彙 汉漢 汤湯 沟溝 泪淚 泽澤 洁潔 洒灑 浅淺 测測 济濟 浏瀏 浓濃 涛濤 涨漲 润潤 渐漸 渔漁 湾灣 湿濕溼 满滿 滚滾 滞滯 ' +
  '滤濾 滩灘 潜潛 灭滅 灯燈 灵靈 灾災 灿燦 炼煉 炉爐 点點 烂爛 烟煙菸 烦煩 烧燒 热熱 焕煥 爱愛 爷爺 牺犧 状狀 犹猶 狭狹 独獨 ' +
  '狮獅 猎獵 猪豬 猫貓 献獻 玛瑪 环環 电電 画畫 畅暢 疗療 疯瘋 痒癢 盐鹽 监監 盖蓋 盗盜 盘盤 睁睜 瞒瞞 矫矯 矿礦 码碼 砖磚 ' +
  '础礎 确確 碍礙 礼禮 祸禍 离離 积積 称稱 稳穩 穷窮 窝窩 竞競 笔筆 笼籠 签簽籤 简簡 粮糧 紧緊 纠糾 红紅 约約 级級 纪紀 纯純 ' +
  '纳納 纷紛 纸紙 纹紋 线線綫 练練 组組 细細 织織 终終 绍紹 经經 结結 绕繞 绘繪 络絡 绝絕 统統 继繼 绩績 绪緒 续續 维維 综綜 ' +
  '绿綠 缓緩 编編 缘緣 缩縮 网網 罗羅 罚罰 罢罷 职職 联聯 聪聰 肃肅 肠腸 肤膚 胆膽 脑腦 脚腳 脸臉 腾騰 舰艦 艺藝 节節 苏蘇 ' +
  '苹蘋 荐薦 药藥 获獲穫 莱萊 营營 萨薩 蓝藍 虑慮 虾蝦 补補 袜襪 装裝 裤褲 规規 视視 览覽 触觸 计計 订訂 讨討 训訓 议議 讯訊 ' +
  '许許 设設 访訪 证證 评評 诉訴 词詞 译譯 试試 诗詩 诚誠 询詢 详詳 语語 误誤 请請 诺諾 读讀 课課 调調 谅諒 谊誼 谋謀 谓謂 ' +
  '谢謝 谨謹 谱譜 贝貝 负負 贡貢 财財 责責 败敗 账賬帳 货貨 质質 贩販 贫貧 购購 贯貫 贴貼 贵貴 贷貸 贸貿 费費 贺賀 资資 赌賭 ' +
  '赔賠 赖賴 赚賺 赛賽 赞贊讚 赠贈 赢贏 赵趙 赶趕 趋趨 跃躍 践踐 踪蹤 轨軌 转轉 轮輪 软軟 轻輕 载載 较較 辅輔 辆輛 辈輩 辑輯 ' +
  '输輸 辞辭 辩辯 迁遷 违違 迹跡蹟 适適 递遞 逻邏 遗遺 邮郵 邻鄰 郑鄭 释釋 针針 钓釣 钞鈔 钟鐘鍾 钢鋼 钥鑰 钱錢 铁鐵 铃鈴 铅鉛 ' +
  '银銀 铺鋪 链鏈 销銷 锁鎖 锅鍋 错錯 锦錦 键鍵 镜鏡 钮鈕 闪閃 闷悶 闹鬧 阔闊 阵陣 阶階 陆陸 隐隱 雾霧 页頁 饭飯 饮飲 饰飾 ' +
  '饱飽 饺餃 饼餅 饿餓 馆館 驾駕 验驗 骑騎 骗騙 鲜鮮 鸭鴨 黄黃 龟龜 齿齒 龄齡 韩韓 杨楊 邓鄧 冯馮 谭譚 孙孫 专專 业業 厨廚 ' +
  '帘簾 胜勝 骂罵 拨撥 麦麥 钉釘 铜銅 铝鋁 绳繩 脏髒臟 讶訝 绑綁 凭憑 坛壇罈 夸誇 岭嶺 庄莊 忏懺 惩懲 惭慚 拣揀 挣掙 捞撈 搅攪 ' +
  '撑撐 敛斂 斩斬 晋晉 枣棗 柠檸 栋棟 桩樁 殴毆 毁毀 氢氫 沪滬 泼潑 泻瀉 浆漿 浑渾 渗滲 溃潰 溅濺 滥濫 潇瀟 炖燉 烛燭 烫燙 ' +
  '皱皺 盏盞 秃禿 窃竊 竖豎 筛篩 筹籌 箩籮 篮籃 粪糞 纽紐 绒絨 绢絹 绣繡 绸綢 缆纜 缝縫 缴繳 羡羨 耸聳 聋聾 肿腫 胀脹 胶膠 ' +
  '脉脈 舱艙 艰艱 芦蘆 苍蒼 茧繭 荡蕩 荣榮 莲蓮 萝蘿 蒋蔣 蕴蘊 蚀蝕 蛮蠻 袄襖 袭襲 觅覓 誉譽 讽諷 诊診 诱誘 诸諸 谎謊 谜謎 ' +
  '谣謠 谦謙 谬謬 贪貪 贬貶 贱賤 贿賄 赏賞 踌躊 躯軀 轰轟 轿轎 辉輝 辖轄 辫辮 迈邁 逊遜 遥遙 酱醬 酿釀 钩鉤鈎 钻鑽 铸鑄 锋鋒 ' +
  '锐銳鋭 锤錘 锻鍛 镇鎮 闯闖 阀閥 阁閣 阐闡 陕陝 陨隕 隶隸 雏雛 霉黴 靓靚 韧韌 韵韻 顽頑 颁頒 颂頌 颇頗 颈頸 颗顆 颠顛 颤顫 ' +
  '飘飄 饥飢饑 饲飼 馈饋 驱驅 驳駁 驶駛 驻駐 骄驕 骤驟 髅髏 鲁魯 鲸鯨 鸣鳴 鸽鴿 鹅鵝 鹰鷹 龚龔 厉厲 厌厭 厦廈 叠疊 吨噸 呕嘔 ' +
  '咙嚨 哗嘩 唠嘮 啸嘯 喷噴 嘱囑 垄壟 垒壘 垫墊 堕墮 奥奧 妆妝 娇嬌 婶嬸 孪孿 宪憲 寝寢 尧堯 屉屜 屡屢 峦巒 巩鞏 帜幟 庐廬 ' +
  '庞龐 弥彌 彦彥 怂慫 怅悵 恳懇 悯憫 惫憊 惬愜 慑懾 懒懶 抚撫 抛拋 抠摳 拧擰 拢攏 挚摯 挠撓 挡擋 捡撿 掷擲 揽攬 搀攙 搁擱 ' +
  '搂摟 摊攤 撵攆 攒攢 毡氈 汹洶 沥瀝 沦淪 沧滄 泞濘 泸瀘 洼窪 浇澆 浊濁 涝澇 涡渦 涤滌 涩澀 渊淵 渍漬 滨濱 澜瀾 濒瀕 烁爍 ' +
  '烩燴 烬燼 焖燜 犊犢 狈狽 狞獰 猕獼 琐瑣 琼瓊 瑶瑤 疮瘡 痪瘓 瘫癱 瘾癮 癣癬 皑皚 睐睞 瞩矚 矶磯 矾礬 砚硯 砾礫 硕碩 碱鹼 ' +
  '祷禱 禀稟 秆稈 稣穌 窑窯 窜竄 窥窺 笋筍 笺箋 筝箏 箫簫 篓簍 篱籬 籁籟 粤粵 纤纖 纬緯 纱紗 纲綱 纵縱 纺紡 绅紳 绊絆 绎繹 ' +
  '绞絞 绰綽 绵綿 绷繃 绽綻 缀綴 缅緬 缉緝 缔締 缕縷 缚縛 缠纏 缤繽 缨纓 缭繚 缮繕 羁羈 翘翹 耻恥 聂聶 肾腎 胁脅 胧朧 脐臍 ' +
  '脓膿 腻膩 舆輿 芜蕪 苇葦 茎莖 荚莢 荞蕎 荫蔭 莹瑩 莺鶯 萧蕭 蔷薔 蔼藹 藓蘚 蚁蟻 蚂螞 蚕蠶 蛰蟄 蜗蝸 蝇蠅 蝉蟬 衔銜 衬襯 ' +
  '裆襠 觑覷 誊謄 讥譏 讳諱 讹訛 讼訟 诀訣 诅詛 诈詐 诞誕 诡詭 诫誡 诬誣 诲誨 诵誦 谍諜 谐諧 谴譴 贞貞 贼賊 赂賂 赃贓 赋賦 ' +
  '赎贖 赐賜 赘贅 跷蹺 蹑躡 蹿躥 躏躪 轧軋 轴軸 辐輻 辙轍 辽遼 郸鄲 酝醞 钝鈍 钦欽 钧鈞 钳鉗 铭銘 铲鏟 锄鋤 锈鏽 锡錫 锣鑼 ' +
  '锥錐 锯鋸 镀鍍 镑鎊 镶鑲 闸閘 闺閨 阎閻 陇隴 雳靂 霁霽 韦韋 颅顱 颊頰 颓頹 飓颶 馒饅 驴驢 驼駝 骚騷 鲤鯉 鲨鯊 鳄鱷 鸦鴉 ' +
  '鸳鴛 鸯鴦 鹏鵬 鹤鶴 龈齦 荧熒 萤螢';

/** Traditional characters with no pair above that simplified text doesn't use. */
const TRAD_ONLY = '後 裡 裏 幹 隻 麵 臺 雲 餘 準 鬆 闆 週 纔 製 範 徵 遊 註 採 醜 穀 迴 佔 捲 佈 摺 捨 誌 唸 慾 傑 櫃 極 黨 緻 願 夥 鬱 樸 沖 兇 僕 屍 係 繫 築';

/** Written Cantonese (Hong Kong), counted half toward traditional. */
const CANTONESE = '嘅 咗 冇 啲 喺 嘢 睇 佢 哋 咁 嗰 噉 乜 嚟 搵 唔';

const HANS = 1;
const HANT = 2;
const YUE = 3;
const HAN_BASE = 0x3400;
const HAN_END = 0x9fff;
/** Per code point in U+3400..U+9FFF: 0 shared/unknown, HANS, HANT, YUE. */
const HAN_SCRIPT = new Uint8Array(HAN_END - HAN_BASE + 1);

function setHan(ch: string, kind: number): void {
  const cp = ch.codePointAt(0)!;
  if (cp < HAN_BASE || cp > HAN_END) return;
  const i = cp - HAN_BASE;
  const prev = HAN_SCRIPT[i]!;
  // A character listed on both sides (by mistake or as a variant) counts for neither.
  if (prev !== 0 && prev !== kind && !(prev === HANT && kind === YUE)) HAN_SCRIPT[i] = 0xff;
  else if (prev === 0) HAN_SCRIPT[i] = kind;
}

for (const group of SCRIPT_PAIRS.split(/\s+/)) {
  const chars = Array.from(group);
  if (chars.length < 2) continue; // a lone character is shared or a repeat: no signal
  setHan(chars[0]!, HANS);
  for (const t of chars.slice(1)) setHan(t, HANT);
}
for (const t of TRAD_ONLY.split(/\s+/)) for (const ch of t) setHan(ch, HANT);
for (const t of CANTONESE.split(/\s+/)) for (const ch of t) setHan(ch, YUE);
for (let i = 0; i < HAN_SCRIPT.length; i++) if (HAN_SCRIPT[i] === 0xff) HAN_SCRIPT[i] = 0;

// ---------------------------------------------------------- Latin word lists

/**
 * Function words (and a little support vocabulary) per language. A word in
 * several lists is shared between them; words that are very common in English
 * (i, in, to, do, on, was, we, come, men) are kept out of the other lists so
 * English isn't diluted by them.
 */
const WORDS: Record<string, string> = {
  en:
    "the a an and or but if of to in on at by for with from into about as is are was were be been being am " +
    "do does did done have has had will would shall should can could may might must not no yes this that these " +
    "those there here it its i me my mine we us our you your yours he him his she her they them their what which " +
    "who whom whose when where why how all any some more most very just also only than then too so up out over " +
    "after before because while until again already still yet please thanks thank thx hello hi hey dear sorry " +
    "okay ok i'm i've i'll i'd you're you've it's don't doesn't didn't can't cannot won't isn't wasn't aren't " +
    "haven't hasn't couldn't wouldn't shouldn't let's that's there's what's order orders ordered refund delivery " +
    "delivered package parcel account password login email payment card charged charge cancel cancelled " +
    "subscription help received arrived shipping shipped tracking number item items product broken damaged wrong " +
    "missing return exchange replacement price invoice receipt update working work get got need want know see " +
    "tell send sent check like today yesterday tomorrow week days day time money back issue problem fix name " +
    "address phone one two same other new good great fine bad able via",
  fr:
    "le la les un une des du de et est sont je tu il elle nous vous ils elles ne pas que qui quoi pour dans sur " +
    "avec mais ou où mon ma mes ton ta tes son sa ses notre votre leur ce cette ces bonjour merci oui non très " +
    "bien commande colis reçu toujours encore depuis avoir être fait été ai avez suis aussi comment pourquoi quand " +
    "au aux en y rien jamais mois jour aujourd'hui hier veux voudrais peux pouvez livraison remboursement",
  de:
    "der die das den dem des ein eine einen einem einer und ist sind ich du er sie es wir ihr nicht kein keine " +
    "mit von zu auf für bei aus nach wie wer wo warum wann aber oder auch noch schon nur sehr mein meine meinen " +
    "dein unser bitte danke hallo guten tag ja nein habe hast hat haben bin bist wurde wird werden können muss " +
    "möchte bestellung paket lieferung geld zurück immer heute gestern leider erhalten seit dass",
  es:
    "el la los las un una unos unas y o de del en es son está están estoy soy tengo tiene tienen hay yo tú usted " +
    "mi mis tu su sus nuestro que qué por para con sin pero como cómo cuando dónde porque muy ya todavía aún " +
    "también aquí hola gracias buenos buenas días sí no nada pedido paquete envío dinero reembolso quiero " +
    "necesito puede ayuda favor me te se le lo nos llegado recibido compré hace",
  pt:
    "o a os as um uma e é de do da dos das em no na nos nas que para por com sem mas como quando onde porque " +
    "muito já ainda também aqui olá oi obrigado obrigada sim não nada meu minha meus seu sua você vocês eu ele " +
    "ela nós eles tenho tem estou está estão foi pedido encomenda entrega dinheiro reembolso quero preciso pode " +
    "ajuda favor me se lhe chegou recebi",
  it:
    "il lo la gli le un uno una e è di da con su per tra fra che chi non ma quando dove perché molto già ancora " +
    "anche qui ciao grazie buongiorno sì no niente mio mia miei tuo suo nostro io lui lei noi voi loro ho hai ha " +
    "abbiamo sono sei siamo era stato ordine pacco consegna soldi rimborso voglio posso aiuto favore mi ti ci si " +
    "arrivato ricevuto del della nel",
  nl:
    "de het een en zijn ik jij je u hij zij wij jullie niet geen met van voor op aan bij uit naar hoe wat wie " +
    "waar waarom wanneer maar ook nog al alleen heel mijn jouw uw onze alsjeblieft alstublieft dank bedankt " +
    "hallo goedemorgen ja nee heb hebt heeft hebben ben werd wordt kunnen moet wil bestelling pakket levering " +
    "geld terug altijd vandaag gisteren helaas ontvangen dat",
  id:
    "saya aku kamu anda dia kami kita mereka yang dan di ke dari ini itu untuk dengan tidak belum sudah ada akan " +
    "bisa dapat tolong terima kasih halo selamat pagi siang ya juga masih lagi sangat pesanan uang mau ingin " +
    "bagaimana kenapa mengapa kapan dimana apa barang sampai",
  vi: 'toi ban cua khong duoc nhung cho voi nay la co da se cac nhieu don roi chua oi em anh chi xin cam vui long minh hoi ve',
  tl: 'ang ng mga sa na po ko mo ako ikaw siya kami tayo sila hindi oo salamat yung naman lang pa ba ito iyan dito paano bakit kailan',
  nordic:
    'och att det som ett är jag han hon vi ni inte med för av till från eller också mycket min din tack hej nej har ' +
    'hade ska vill jeg ikke og er til fra meget tak skal vil',
  pl: 'w z na nie się że jest są jak ale lub czy mój moja dziękuję dzień dobry tak mam ma zamówienie paczka',
  tr: 've bir bu da için ile ama çok ben sen biz siz onlar değil var yok mi mı ne nasıl neden teşekkür merhaba evet hayır sipariş kargo',
  ro: 'și în nu este sunt eu el ea noi pe la cu din pentru că dar sau foarte mulțumesc bună ziua comanda',
  pinyin: 'wo ni ta women nimen de shi bu le ma hao zhe ge mei zai xie qing dingdan tuikuan wenti shenme zenme keyi meiyou haishi yijing xiexie nihao',
};

const LATIN_LANGS = Object.keys(WORDS);
const EN = LATIN_LANGS.indexOf('en');
/** word → the languages whose list holds it. */
const WORD_LANGS = new Map<string, number[]>();
LATIN_LANGS.forEach((lang, li) => {
  for (const w of WORDS[lang]!.split(/\s+/)) {
    if (!w) continue;
    const langs = WORD_LANGS.get(w);
    if (!langs) WORD_LANGS.set(w, [li]);
    else if (!langs.includes(li)) langs.push(li);
  }
});

const EN_CONTRACTION = /^[a-z]+'(?:s|t|re|m|ll|ve|d)$/;
const ROMANCE_ELISION = /^(?:l|d|j|qu|n|c|s|m|t|un|dell|all|nell|sull|dall)'[a-zà-ÿ]/;
const EN_SHAPE = /^(?:th|wh)|(?:ing|ght|ness|ful|ly)$|ck|ph|[aeiou]w[^aeiou]?$|[^aeiou]y$/;
const OTHER_SHAPE = /(?:ción|cion|ciones|zione|zioni|ção|ções|ungen|ung|keit|heit|lich|ijk|heid|sch|ij|cz|sz|rz|nya|mente|ados?|idos?|eur|eaux?|oux|ette|ez)$|^(?:sch|gli|zz)|ij/;

// --------------------------------------------------------------- scanning

/** URLs, e-mail addresses, @handles and ASCII tokens holding a digit (order numbers, SKUs). */
const NOISE =
  /\b(?:https?:\/\/|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@[\w.-]+|[A-Za-z0-9_#\-./]*\d[A-Za-z0-9_#\-./]*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|cn|tw|hk|jp|uk|de|fr|app|dev|shop|store)\b[\x21-\x7e]*/gi;

interface Analysis {
  /** Units per script group. */
  zh: number;
  latin: number;
  other: number;
  /** Han characters with a simplified-only / traditional-only form (Cantonese counts half). */
  hans: number;
  hant: number;
  /** English probability within the Latin text. */
  enP: number;
  /** Latin evidence behind enP. */
  latinEvidence: number;
}

const SPACED = 1;
const UNSPACED = 2;

/** Letters of scripts other than Latin, Han, Kana and Hangul: spaced (count words) or unspaced (count characters). */
function otherScript(cp: number): number {
  if (cp < 0x370) return 0;
  if (cp <= 0x8ff) return cp === 0x37e || cp === 0x387 ? 0 : SPACED; // Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana…
  if (cp <= 0xdff) return SPACED; // Indic scripts
  if (cp <= 0xfff) return UNSPACED; // Thai, Lao, Tibetan
  if (cp <= 0x109f) return UNSPACED; // Myanmar
  if (cp <= 0x10ff) return SPACED; // Georgian
  if (cp >= 0x1200 && cp <= 0x139f) return SPACED; // Ethiopic
  if (cp >= 0x1780 && cp <= 0x18af) return UNSPACED; // Khmer, Mongolian
  if (cp >= 0x1c80 && cp <= 0x1c8f) return SPACED; // Cyrillic extended
  if (cp >= 0x1f00 && cp <= 0x1fff) return SPACED; // Greek extended
  if (cp >= 0x2d00 && cp <= 0x2d2f) return SPACED; // Georgian supplement
  if (cp >= 0xa640 && cp <= 0xa69f) return SPACED; // Cyrillic extended B
  if (cp >= 0xfb1d && cp <= 0xfdff) return SPACED; // Hebrew / Arabic presentation forms
  if (cp >= 0xfe70 && cp <= 0xfefc) return SPACED;
  return 0;
}

function isLatinLetter(cp: number): boolean {
  return (
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0xff21 && cp <= 0xff3a) ||
    (cp >= 0xff41 && cp <= 0xff5a)
  );
}

function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    cp === 0x3007 // 〇
  );
}

function isKana(cp: number): boolean {
  // Hiragana, Katakana (not ・ U+30FB, which Chinese uses between names), phonetic extensions, half-width katakana.
  return (cp >= 0x3041 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9d);
}

function isHangul(cp: number): boolean {
  return (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f);
}

function analyse(raw: string): Analysis {
  const text = raw.length > 20_000 ? raw.slice(0, 20_000) : raw;
  const s = text.replace(NOISE, ' ');
  let han = 0;
  let hans = 0;
  let hant = 0;
  let kana = 0;
  let hangul = 0;
  let spacedWords = 0;
  let unspaced = 0;
  let inOther = false;
  // Latin evidence
  let latin = 0;
  let en = 0;
  let oth = 0;
  let unmarked = 0;
  let wordStart = -1;
  let nonAscii = false;

  const endWord = (end: number): void => {
    const w = s.slice(wordStart, end).toLowerCase().replace(/’/g, "'");
    wordStart = -1;
    const langs = WORD_LANGS.get(w);
    let marked = false;
    if (langs) {
      const share = 1 / langs.length;
      for (const l of langs) {
        if (l === EN) en += share;
        else oth += share;
      }
      marked = true;
    }
    if (nonAscii) {
      // Diacritics: evidence against English (café and naïve are rare in support mail).
      if (!langs) oth += 1;
      marked = true;
    } else if (!langs) {
      if (EN_CONTRACTION.test(w)) {
        en += 1;
        marked = true;
      } else if (ROMANCE_ELISION.test(w)) {
        oth += 1;
        marked = true;
      } else if (w.length > 2) {
        if (EN_SHAPE.test(w)) en += 0.3;
        if (OTHER_SHAPE.test(w)) oth += 0.3;
      }
    }
    if (marked) latin += 1;
    else {
      latin += 0.4;
      unmarked += 1;
    }
    nonAscii = false;
  };

  const n = s.length;
  for (let i = 0; i < n; i++) {
    let cp = s.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = s.codePointAt(i)!;
      width = 2;
    }
    if (isLatinLetter(cp)) {
      if (wordStart < 0) wordStart = i;
      if (cp > 0x7f && cp <= 0x1eff) nonAscii = true; // diacritics (not full-width ASCII)
      inOther = false;
      continue;
    }
    if (wordStart >= 0) {
      // An apostrophe between letters stays in the word (don't, l'ordre).
      if ((cp === 0x27 || cp === 0x2019) && i + 1 < n && isLatinLetter(s.charCodeAt(i + 1))) continue;
      endWord(i);
    }
    if (cp < 0x2e80 && cp >= 0x370) {
      const o = otherScript(cp);
      if (o === SPACED) {
        if (!inOther) spacedWords++;
        inOther = true;
        continue;
      }
      if (o === UNSPACED) {
        unspaced++;
        inOther = false;
        continue;
      }
      if (cp >= 0x1100 && cp <= 0x11ff) hangul++;
      inOther = false;
      continue;
    }
    inOther = false;
    if (cp < 0x2e80) continue;
    if (isHan(cp)) {
      han++;
      if (cp >= HAN_BASE && cp <= HAN_END) {
        const k = HAN_SCRIPT[cp - HAN_BASE];
        if (k === HANS) hans++;
        else if (k === HANT) hant++;
        else if (k === YUE) hant += 0.5;
      }
    } else if (isKana(cp)) kana++;
    else if (isHangul(cp)) hangul++;
    else if (cp >= 0xa000) {
      const o = otherScript(cp);
      if (o === SPACED) spacedWords++;
      else if (o === UNSPACED) unspaced++;
    }
    if (width === 2) i++;
  }
  if (wordStart >= 0) endWord(n);

  let zh = han / 1.5;
  let other = spacedWords + unspaced / 3 + hangul / 2;
  if (kana > 0 && (han === 0 || kana >= 0.15 * (kana + han))) {
    // Japanese: kana with or without kanji.
    other += (kana + han) / 1.5;
    zh = 0;
    hans = 0;
    hant = 0;
  }
  // Latin with no evidence either way leans English (prior 0.3 vs 0.1).
  const enP = (en + 0.3) / (en + oth + 0.4);
  return { zh, latin, other, hans, hant, enP, latinEvidence: en + oth + 0.25 * unmarked };
}

// ----------------------------------------------------------------- results

const sizeFactor = (units: number): number => 1 - Math.exp(-units / 2);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Share of simplified among the distinguishing characters; 0.5 when there are none. */
function hansShare(hans: number, hant: number): number {
  return (hans + 0.5) / (hans + hant + 1);
}

/** Chinese vs English vs other first (the two scripts together), then the script. */
function pick(scores: Record<ScoredLanguage, number>, size: number): LanguageResult {
  const zh = scores['zh-Hans'] + scores['zh-Hant'];
  let best: ScoredLanguage;
  if (zh > scores.en && zh > scores.other) {
    // An undecided script (equal scores) is simplified, the more common one.
    best = scores['zh-Hant'] > scores['zh-Hans'] ? 'zh-Hant' : 'zh-Hans';
  } else best = scores.other > scores.en ? 'other' : 'en';
  const confidence = Math.max(0, Math.min(1, scores[best] * size));
  const rounded = { en: round3(scores.en), 'zh-Hans': round3(scores['zh-Hans']), 'zh-Hant': round3(scores['zh-Hant']), other: round3(scores.other) };
  return { language: best, confidence: round3(confidence), scores: rounded };
}

function scoresOf(a: Analysis, hs: number): { scores: Record<ScoredLanguage, number>; units: number; size: number } | null {
  const total = a.zh + a.latin + a.other;
  if (total < 0.3) return null;
  const zhShare = a.zh / total;
  const latinShare = a.latin / total;
  const scores: Record<ScoredLanguage, number> = {
    en: latinShare * a.enP,
    'zh-Hans': zhShare * hs,
    'zh-Hant': zhShare * (1 - hs),
    other: a.other / total + latinShare * (1 - a.enP),
  };
  // The size of the evidence that decided: the winning group's units (Latin: its evidence).
  const latinUnits = Math.min(a.latin, a.latinEvidence + 0.2 * a.latin);
  const units = a.zh >= a.latin && a.zh >= a.other ? a.zh : a.latin >= a.other ? latinUnits : a.other;
  return { scores, units, size: sizeFactor(units) };
}

/** The language of one message. */
export function detectLanguage(text: string): LanguageResult {
  const a = analyse(text ?? '');
  const hs = hansShare(a.hans, a.hant);
  const r = scoresOf(a, hs);
  if (!r) return { language: 'unknown', confidence: 0 };
  return pick(r.scores, r.size);
}

/** How much a message counts by role, before recency: the customer's language is the one to answer in. */
const ROLE_WEIGHT: Record<string, number> = { customer: 1, 'end-user': 1, user: 1, requester: 1, agent: 0.15, bot: 0.1 };
const DEFAULT_ROLE_WEIGHT = 0.05;
/** Each step back multiplies a message's weight by this (floor 0.2); customer messages and the rest are counted apart. */
const RECENCY = 0.8;

/**
 * The language of a conversation: messages oldest first. Customer messages
 * count most (agent 0.15, bot 0.1, internal/system 0.05), recent ones more
 * (×0.8 for each earlier message of the same side, at least ×0.2, so agent
 * replies don't age the customer's words), and each message also by how much
 * text it has. The Chinese script is settled by the distinguishing characters
 * of all Chinese messages together (same weights), so a short "好" or "谢谢"
 * at the end follows the script the customer has been writing; with none
 * anywhere it is zh-Hans at low confidence. `unknown` when no message has
 * usable text.
 */
export function conversationLanguage(messages: readonly LanguageMessage[]): LanguageResult {
  const acc: Record<ScoredLanguage, number> = { en: 0, 'zh-Hans': 0, 'zh-Hant': 0, other: 0 };
  let zh = 0;
  let hans = 0;
  let hant = 0;
  let mass = 0;
  let units = 0;
  let customerSteps = 0;
  let otherSteps = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    const a = analyse(m.text ?? '');
    const r = scoresOf(a, 0.5);
    if (!r) continue;
    const roleWeight = ROLE_WEIGHT[m.role] ?? DEFAULT_ROLE_WEIGHT;
    const steps = roleWeight === 1 ? customerSteps++ : otherSteps++;
    const w = roleWeight * Math.max(0.2, RECENCY ** steps);
    const wm = w * r.size;
    acc.en += wm * r.scores.en;
    acc.other += wm * r.scores.other;
    zh += wm * (r.scores['zh-Hans'] + r.scores['zh-Hant']);
    hans += w * a.hans;
    hant += w * a.hant;
    mass += wm;
    units += w * r.units;
  }
  if (mass === 0) return { language: 'unknown', confidence: 0 };
  const hs = hansShare(hans, hant);
  const scores: Record<ScoredLanguage, number> = {
    en: acc.en / mass,
    'zh-Hans': (zh / mass) * hs,
    'zh-Hant': (zh / mass) * (1 - hs),
    other: acc.other / mass,
  };
  return pick(scores, sizeFactor(units));
}
