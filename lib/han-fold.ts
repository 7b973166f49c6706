/**
 * Traditional Chinese characters folded to simplified ones, one code point to
 * one, so offsets stay put: for search terms (lib/knowledge), intent features
 * and the sentiment lexicon (lib/analysis), where 訂單 and 订单 must meet.
 * The table: ZH_T2S (every character the sentiment lexicon uses, checked
 * against OpenCC's TSCharacters) plus the script pairs of language detection
 * and forms Hong Kong and Taiwan write differently.
 */
import { ZH_T2S } from './analysis/lexicon/zh-t2s.ts';

/**
 * Simplified characters and their traditional forms that ZH_T2S leaves out:
 * the SCRIPT_PAIRS table of lib/analysis/language.ts minus what ZH_T2S has,
 * plus forms Hong Kong and Taiwan write differently that language detection
 * skips on purpose (户戶 温溫 税稅 …) but search can fold.
 */
const MORE_T2S =
  '为為爲 虽雖 须須 种種 类類 双雙 亿億 块塊 边邊 谁誰 岁歲 该該 见見 听聽 讲講 谈談 记記 识識 觉覺 连連 选選 达達 门門 闭閉 闲閑 阅閱閲 队隊 阳陽 阴陰 际際 随隨 项項 预預 频頻 ' +
  '颜顏 飞飛 马馬 鱼魚 鸟鳥 鸡雞 龙龍 长長 车車 丝絲 丢丟 临臨 举舉 义義 习習 乡鄉 书書 卖賣 争爭 亚亞 产產 仓倉 众眾衆 伟偉 伦倫 侦偵 侧側 债債 倾傾 偿償 储儲 兰蘭 养養 内內 ' +
  '写寫 军軍 农農 冲衝 况況 冻凍 凉涼 减減 凤鳳 击擊 刘劉 则則 创創 删刪 剧劇 劝勸 办辦 劳勞 势勢 区區 医醫 卢盧 厂廠 厅廳 历歷曆 压壓 厕廁 县縣 参參 叙敘敍 叶葉 号號 叹嘆 吴吳 ' +
  '呜嗚 响響 哑啞 唤喚 啰囉 团團 园園 围圍 国國 图圖 圆圓 圣聖 坚堅 墙牆 壮壯 声聲 壳殼 备備 夹夾 夺奪 奋奮 奖獎 妈媽 妇婦 娱娛 婴嬰 学學 宁寧 宝寶 宠寵 审審 宫宮 寻尋 寿壽 ' +
  '尔爾 尘塵 尝嘗 层層 届屆 属屬 岗崗 岛島 峡峽 币幣 帅帥 帐帳 带帶 帮幫 广廣 庆慶 库庫 庙廟 废廢 弃棄 弯彎 弹彈 录錄 径徑 忆憶 怀懷 怜憐 恋戀 悬懸 惯慣 戏戲 战戰 扑撲 执執 ' +
  '扩擴 扫掃 扰擾 抢搶 护護 拟擬 拥擁 拦攔 择擇 挂掛 挤擠 挥揮 据據 携攜 摄攝 摆擺 摇搖 敌敵 数數 显顯 晒曬 晓曉 晕暈 暂暫 术術 杀殺 构構 枪槍 标標 栏欄 树樹 桥橋 梦夢 检檢 ' +
  '楼樓 横橫 欧歐 残殘 毕畢 汇匯彙 汉漢 汤湯 沟溝 泪淚 泽澤 洒灑 浅淺 测測 济濟 浏瀏 浓濃 涛濤 涨漲 润潤 渐漸 渔漁 湾灣 滞滯 滤濾 滩灘 潜潛 灭滅 灯燈 灾災 灿燦 炼煉 炉爐 烟煙菸 ' +
  '烧燒 焕煥 爷爺 牺犧 状狀 犹猶 狭狹 独獨 狮獅 猎獵 猪豬 猫貓 献獻 玛瑪 环環 电電 画畫 疗療 疯瘋 痒癢 盐鹽 盖蓋 盘盤 睁睜 瞒瞞 矫矯 矿礦 码碼 砖磚 础礎 碍礙 祸禍 称稱 穷窮 ' +
  '窝窩 竞競 笔筆 笼籠 粮糧 纠糾 红紅 约約 纪紀 纯純 纳納 纷紛 纸紙 纹紋 练練 组組 织織 终終 绍紹 绕繞 绘繪 络絡 统統 继繼 绩績 绪緒 续續 综綜 绿綠 缓緩 编編 缘緣 网網 罗羅 ' +
  '罚罰 罢罷 职職 联聯 聪聰 肃肅 肠腸 肤膚 胆膽 脑腦 脚腳 脸臉 舰艦 艺藝 节節 苏蘇 苹蘋 药藥 获獲穫 莱萊 营營 萨薩 蓝藍 虾蝦 补補 袜襪 装裝 裤褲 视視 览覽 触觸 计計 训訓 讯訊 ' +
  '许許 设設 访訪 证證 词詞 译譯 试試 诗詩 诚誠 询詢 详詳 请請 诺諾 读讀 课課 谅諒 谊誼 谋謀 谨謹 贝貝 贡貢 财財 败敗 账賬帳 贩販 贫貧 贯貫 贷貸 贸貿 贺賀 资資 赌賭 赔賠 赖賴 ' +
  '赚賺 赛賽 赠贈 赢贏 赵趙 趋趨 跃躍 践踐 踪蹤 轨軌 轮輪 载載 辅輔 辆輛 辈輩 辑輯 输輸 辞辭 辩辯 迁遷 违違 迹跡蹟 逻邏 邮郵 邻鄰 郑鄭 释釋 针針 钓釣 钞鈔 钟鐘鍾 钢鋼 钥鑰 铁鐵 ' +
  '铃鈴 铅鉛 银銀 铺鋪 链鏈 锁鎖 锅鍋 锦錦 键鍵 镜鏡 钮鈕 闹鬧 阔闊 阵陣 阶階 陆陸 雾霧 页頁 饭飯 饮飲 饰飾 饱飽 饺餃 饼餅 饿餓 馆館 驾駕 验驗 骑騎 鸭鴨 黄黃 龟龜 齿齒 龄齡 ' +
  '韩韓 杨楊 邓鄧 冯馮 谭譚 孙孫 厨廚 帘簾 胜勝 骂罵 拨撥 麦麥 钉釘 铜銅 铝鋁 绳繩 绑綁 坛壇罈 夸誇 岭嶺 庄莊 忏懺 惩懲 惭慚 拣揀 挣掙 捞撈 搅攪 撑撐 敛斂 斩斬 晋晉 枣棗 柠檸 ' +
  '栋棟 桩樁 殴毆 毁毀 氢氫 沪滬 泼潑 泻瀉 浆漿 浑渾 渗滲 溃潰 溅濺 滥濫 潇瀟 炖燉 烛燭 盏盞 秃禿 窃竊 竖豎 筛篩 筹籌 箩籮 篮籃 粪糞 纽紐 绒絨 绢絹 绣繡 绸綢 缆纜 缝縫 缴繳 ' +
  '羡羨 耸聳 聋聾 肿腫 胀脹 胶膠 脉脈 舱艙 艰艱 芦蘆 苍蒼 茧繭 荡蕩 荣榮 莲蓮 萝蘿 蒋蔣 蕴蘊 蚀蝕 袄襖 袭襲 觅覓 誉譽 讽諷 诊診 诱誘 诸諸 谎謊 谜謎 谣謠 谦謙 谬謬 贪貪 贬貶 ' +
  '贱賤 贿賄 踌躊 躯軀 轰轟 轿轎 辉輝 辖轄 辫辮 迈邁 逊遜 遥遙 酱醬 酿釀 钩鉤鈎 钻鑽 铸鑄 锋鋒 锐銳鋭 锤錘 锻鍛 镇鎮 闯闖 阀閥 阁閣 阐闡 陕陝 陨隕 隶隸 雏雛 靓靚 韧韌 韵韻 顽頑 ' +
  '颁頒 颂頌 颇頗 颈頸 颗顆 颠顛 颤顫 飘飄 饥飢饑 饲飼 馈饋 驱驅 驳駁 驶駛 驻駐 骄驕 骤驟 髅髏 鲁魯 鲸鯨 鸣鳴 鸽鴿 鹅鵝 鹰鷹 龚龔 厉厲 厦廈 叠疊 吨噸 呕嘔 咙嚨 哗嘩 唠嘮 啸嘯 ' +
  '喷噴 嘱囑 垄壟 垒壘 垫墊 堕墮 奥奧 妆妝 娇嬌 婶嬸 孪孿 宪憲 寝寢 尧堯 屉屜 屡屢 峦巒 巩鞏 帜幟 庐廬 庞龐 弥彌 彦彥 怂慫 怅悵 恳懇 悯憫 惫憊 惬愜 慑懾 懒懶 抚撫 抛拋 抠摳 ' +
  '拧擰 拢攏 挚摯 挠撓 挡擋 捡撿 掷擲 揽攬 搀攙 搁擱 搂摟 摊攤 撵攆 攒攢 毡氈 汹洶 沥瀝 沦淪 沧滄 泞濘 泸瀘 洼窪 浇澆 浊濁 涝澇 涡渦 涤滌 涩澀 渊淵 渍漬 滨濱 澜瀾 濒瀕 烁爍 ' +
  '烩燴 烬燼 焖燜 犊犢 狈狽 狞獰 猕獼 琐瑣 琼瓊 瑶瑤 疮瘡 痪瘓 瘫癱 瘾癮 癣癬 皑皚 睐睞 瞩矚 矶磯 矾礬 砚硯 砾礫 硕碩 碱鹼 祷禱 禀稟 秆稈 稣穌 窑窯 窜竄 窥窺 笋筍 笺箋 筝箏 ' +
  '箫簫 篓簍 篱籬 籁籟 粤粵 纤纖 纬緯 纱紗 纲綱 纵縱 纺紡 绅紳 绊絆 绎繹 绞絞 绰綽 绵綿 绷繃 绽綻 缀綴 缅緬 缉緝 缔締 缕縷 缚縛 缠纏 缤繽 缨纓 缭繚 缮繕 羁羈 翘翹 聂聶 肾腎 ' +
  '胁脅 胧朧 脐臍 脓膿 舆輿 芜蕪 苇葦 茎莖 荚莢 荞蕎 荫蔭 莹瑩 莺鶯 萧蕭 蔷薔 蔼藹 藓蘚 蚁蟻 蚂螞 蚕蠶 蛰蟄 蜗蝸 蝇蠅 蝉蟬 衔銜 衬襯 裆襠 觑覷 誊謄 讥譏 讳諱 讹訛 讼訟 诀訣 ' +
  '诅詛 诞誕 诡詭 诫誡 诬誣 诲誨 诵誦 谍諜 谐諧 谴譴 贞貞 赂賂 赃贓 赋賦 赎贖 赐賜 赘贅 跷蹺 蹑躡 蹿躥 躏躪 轧軋 轴軸 辐輻 辙轍 辽遼 郸鄲 酝醞 钝鈍 钦欽 钧鈞 钳鉗 铭銘 铲鏟 ' +
  '锄鋤 锈鏽 锡錫 锣鑼 锥錐 锯鋸 镀鍍 镑鎊 镶鑲 闸閘 闺閨 阎閻 陇隴 雳靂 霁霽 韦韋 颅顱 颊頰 颓頹 飓颶 馒饅 驴驢 驼駝 骚騷 鲤鯉 鲨鯊 鳄鱷 鸦鴉 鸳鴛 鸯鴦 鹏鵬 鹤鶴 龈齦 荧熒 ' +
  '萤螢' +
  ' 户戶 温溫 税稅 脱脫 悦悅 兑兌 云雲 板闆 征徵 注註 卷捲 舍捨 志誌 念唸 杰傑 柜櫃 党黨 愿願 伙夥 朴樸 尸屍 谷穀 斗鬥 恒恆 吃喫 秘祕 峰峯 群羣 床牀 灶竈';

/** Traditional code point → simplified code point (0: unchanged), over the BMP. Read-only for callers. */
export const T2S_CODE = new Uint16Array(0x10000);
// First mapping wins: 帳 (account or tent) and the variant 帐 both fold to 账, so 帳戶, 帐户 and 账户 meet.
for (const group of `账賬帳帐 册冊 ${ZH_T2S} ${MORE_T2S}`.split(/\s+/)) {
  const chars = Array.from(group);
  for (const t of chars.slice(1)) {
    const code = t.codePointAt(0)!;
    if (code < 0x10000 && !T2S_CODE[code]) T2S_CODE[code] = chars[0]!.codePointAt(0)!;
  }
}

/** Traditional → simplified, one code point to one (offsets stay put). */
export function foldHan(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += ch.length === 1 && T2S_CODE[code] ? String.fromCharCode(T2S_CODE[code]) : ch;
  }
  return out;
}
