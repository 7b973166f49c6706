/**
 * Traditional → simplified folding for the characters the Chinese sentiment
 * lexicon uses: each token is a simplified character followed by its
 * traditional forms. Taken from the SCRIPT_PAIRS table of ../language.ts (the
 * characters lib/analysis/lexicon/zh.ts needs) plus a few one-to-many pairs
 * that table leaves out (后後, 干乾幹, 只隻, 着著 …), checked against OpenCC's
 * TSCharacters so that every lexicon character has its traditional forms. Folding is one character to
 * one, so offsets in the folded text match the original.
 */
export const ZH_T2S =
  '这這 们們 说說説 时時 发發髮 会會 对對 现現 问問 题題 还還 没沒 过過 个個 来來 吗嗎 么麼 给給 让讓 从從 与與 并並 却卻 无無 论論 总總 当當 将將 刚剛 别別 几幾 两兩 ' +
  '万萬 张張 条條 头頭 儿兒 样樣 应應 够夠 观觀 话話 认認 进進 远遠 迟遲 运運 动動 开開 关關 间間 闻聞 陈陳 险險 难難 静靜 顶頂 顺順 顾顧 顿頓 领領 额額 风風 齐齊 东東 ' +
  '严嚴 丰豐 丽麗 乐樂 买買 乱亂 于於 亏虧 亲親 仅僅 价價 优優 传傳 伤傷 体體 兴興 决決 净淨 务務 华華 协協 单單 卫衛衞 变變 吓嚇 启啟啓 员員 场場 坏壞 处處 复復複 实實 ' +
  '宽寬 宾賓 导導 尽盡儘 岂豈 师師 异異 强強 归歸 彻徹 忧憂 态態 恶惡噁 恼惱 惊驚 惧懼 惨慘 愤憤 扬揚 报報 担擔 损損 换換 断斷 旧舊 机機 杂雜 权權 档檔 欢歡 气氣 洁潔 ' +
  '湿濕溼 满滿 滚滾 灵靈 点點 烂爛 烦煩 热熱 爱愛 畅暢 监監 盗盜 确確 礼禮 离離 积積 稳穩 简簡 紧緊 级級 线線綫 细細 经經 结結 绝絕 维維 缩縮 腾騰 荐薦 虑慮 规規 订訂 ' +
  '讨討 议議 评評 诉訴 语語 误誤 调調 谓謂 谢謝 谱譜 负負 责責 货貨 质質 购購 贴貼 贵貴 费費 赞贊讚 赶趕 转轉 软軟 轻輕 较較 适適 递遞 遗遺 钱錢 销銷 错錯 闪閃 闷悶 隐隱 ' +
  '骗騙 鲜鮮 专專 业業 脏髒臟 讶訝 凭憑 烫燙 皱皺 蛮蠻 赏賞 霉黴 厌厭 耻恥 腻膩 诈詐 贼賊 丑醜 划劃 劲勁 周週 干乾幹 后後 只隻衹 奸姦 涂塗 系係繫 致緻 虚虛 诿諉 郁鬱 极極 ' +
  '准準 凑湊 表錶 着著 里裏裡 面麵 松鬆 范範 台臺颱 了瞭 回迴 闲閒 痴癡 咸鹹 才纔 游遊 向嚮 采採 借藉 布佈 占佔 叹歎 制製 余餘 症癥 签簽籤  办辦 灯燈 闪閃 维維 修脩 机機 丝絲 个箇 么麽 产產産 伙夥 俩倆 储儲 兑兌 况況 净凈 凉涼 减減 凶兇 出齣 别彆 区區 千韆 卧臥 号號 吃喫 合閤 同衕 听聽 咽嚥 响響 噪譟 壳殻殼 夸誇 夹夾袷 妈媽 审審 家傢 巨鉅 干榦 并併幷 幸倖 庆慶 当噹 录彔錄録 彩綵 怜憐 扣釦 折摺 抠摳 既旣 晕暈 杠槓 板闆 核覈 泄洩 注註 泼潑 洒灑 涨漲 温溫 烟煙菸 玛瑪 玩翫 电電 痒癢 瘾癮 皂皁 盘盤 真眞 码碼 笔筆 笼籠 糊餬 累纍 红紅 约約 绝絶 联聯 肠腸 脱脫 苍蒼 葱蔥 虫蟲 虾蝦 蚝蠔 蜗蝸 蝇蠅 请請 败敗 账賬 赖賴 达達 连連 酱醬 酸痠 钟鈡鍾鐘 钢鋼 银銀 长長 门門 闹鬧 面麪麫 颜顏顔 飘飄 饭飯 饮飲 饱飽 饼餅 馊餿 马馬 骂罵駡 鱼魚 鸭鴨 麦麥 黄黃 龙龍';
