package dev.tracegen.embedded;

import java.util.List;
import java.util.Map;

/**
 * The simulator's fixed Chinese wording, the counterpart of {@link Phrases}: fillers, list items,
 * headings and openings avoid every keyword, marker and evidence term of the Chinese taxonomy (a
 * test checks this), so that a constraint is met only where it is meant to be. No Arabic digits
 * (numbers are what numerical constraints count) and no Latin letters (a Chinese answer stays
 * Chinese by script).
 */
final class ZhPhrases {
  private ZhPhrases() {}

  static final List<String> FILLERS = List.of(
      "好的回答先讲清楚什么最重要，以及它为什么重要。",
      "把确定知道的和只是推测的分开来看，会更稳妥。",
      "具体的小场景往往比抽象的长篇大论更能说明问题。",
      "下面各点环环相扣，排列的先后顺序是有意安排的。",
      "最简单可行的办法，通常就是最好的起点。",
      "细节不确定的地方，直说不确定比随意猜测更好。",
      "想清楚读者是谁，就知道该写多详细。",
      "了解读者会影响措辞、篇幅和所举的场景。",
      "一个清楚的场景，有时抵得上好几段说明。",
      "理由记在纸上，做出的决定就更容易解释。",
      "隔一段时间再回头看，常常会有新的认识。",
      "先把问题拆小，再逐个解决，会轻松很多。",
      "每一步都留出检查的余地，出错时更容易发现。",
      "同一件事换个角度看，结论可能大不相同。",
      "动手之前先做准备，往往能省下更多时间。",
      "把复杂的内容讲简单，本身就是一种本事。",
      "实践中遇到的情况，常常比书本上写的更复杂。",
      "听取不同意见，有助于发现自己忽略的地方。",
      "目标清楚了，方法自然也就容易选了。",
      "任何办法都有适用的范围，关键是用在合适的地方。",
      "循序渐进比一步到位更现实，也更容易坚持。",
      "记下过程中的得失，下次就能做得更好。",
      "与其追求面面俱到，不如先做好关键的几点。",
      "遇到困难时，回到最初的目的往往能找到方向。",
      "好的安排既考虑眼前，也兼顾长远。",
      "细心观察身边的事物，常能得到意想不到的启发。",
      "想法说出口、和别人讨论，思路会更加清晰。",
      "条理清楚的说明，能让读者少走很多弯路。",
      "适当留白，能让重点更加突出。",
      "每个选择背后都有取舍，想清楚代价再做决定。",
      "小处做扎实了，大处才站得稳。",
      "把计划写在纸上，比只放在脑子里可靠得多。",
      "先试一小步，看看效果，再决定后面怎么走。",
      "对结果保持耐心，很多变化需要时间才能显现。",
      "把相似的内容放在一起，读起来会顺畅许多。",
      "清楚地说明前提，能避免不少误会。",
      "留意常见的误区，可以少犯不必要的错误。",
      "做完之后复盘一次，收获往往比做的时候更多。",
      "用平常的话讲道理，比堆砌术语更容易让人接受。",
      "条件变化时，原来的办法也要跟着调整。");

  static final List<String> ITEMS = List.of(
      "用一句话说清主要目标",
      "收集已经掌握的情况",
      "比较几种可行的办法",
      "选定一种办法并写明理由",
      "先在小范围内试一试",
      "回顾结果并适当调整",
      "把结果告诉相关的人",
      "留一份简短的记录备用");

  static final List<String> HEADINGS = List.of("概况", "要点", "细节", "实用提示", "几点想法", "延伸思路");

  /** Openings: a lead clause and a turn, joined by a full-width comma. */
  static final List<String> OPENING_LEADS = List.of(
      "这个问题有一条稳妥的思路",
      "这件事的核心比看上去简单",
      "这个话题值得踏踏实实地看一看",
      "做好这件事取决于几个关键选择",
      "这里面的门道比表面上多",
      "周到的回答需要兼顾几个方面",
      "把这件事想透是值得的",
      "主要意思可以说得很直接",
      "稳扎稳打的办法很适合这个任务",
      "先交代一点背景会更好理解",
      "这是一个值得好好琢磨的问题",
      "好的回答在这里有几个共同点");

  static final List<String> OPENING_TURNS = List.of(
      "下面从最基本的地方说起",
      "所以先讲关键的几点",
      "细节按合理的顺序随后展开",
      "每个想法都会单独说明",
      "推理过程也会一并摆出来",
      "重要的地方都会说清楚",
      "每一部分都力求用得上",
      "后面内容的先后是有意安排的",
      "次要的地方放在主要的之后",
      "整个回答都尽量落到实处");

  /** A required keyword (%1$s) in a sentence about the answer itself (%2$s: 清单、信...). */
  static final List<String> KEYWORD_SENTENCES = List.of(
      "这份%2$s从一开始就把“%1$s”放在心上。",
      "“%1$s”在这份%2$s里占有明确的位置。",
      "谈这个话题的%2$s，离不开“%1$s”。",
      "这份%2$s有一部分正是围绕“%1$s”展开的。",
      "“%1$s”像一条线索贯穿这份%2$s。",
      "用心的%2$s也会谈到“%1$s”。");

  /** The bold keyword (%s) stated in a sentence of its own. */
  static final String BOLD_SENTENCE = "**%s**这一点值得明明白白地说出来。";

  /** A forbidden word (%s) used on purpose (the non-compliance knob). */
  static final String INJECTED_SENTENCE = "%s这一点值得再强调一遍。";

  static final List<String> ACTION_ITEMS = List.of(
      "每周留出固定时间专门处理%s",
      "从最容易的一件小事做起，慢慢让%s成为习惯",
      "把和%s有关的要点写在卡片上随时翻看",
      "找一位同伴一起坚持，互相提醒%s的进度",
      "每次只改进%s的一个方面",
      "定期回头检查%s的效果并做调整",
      "向有经验的人请教%s的具体做法",
      "为%s设定一个看得见的小目标");

  static final List<String> IDEA_ITEMS = List.of(
      "以%s为主题办一次小型分享会",
      "围绕%s做一份图文并茂的手册",
      "用一个真实故事讲讲%s",
      "组织一次关于%s的实地参观",
      "设计一个和%s有关的小比赛",
      "开一个专门讨论%s的小专栏",
      "为%s拍一段短短的视频",
      "请身边的人谈谈他们眼中的%s");

  static final List<String> POINT_ITEMS = List.of(
      "%s的来龙去脉",
      "%s最常见的误解",
      "%s在日常生活中的表现",
      "影响%s的主要因素",
      "%s带来的好处与代价",
      "理解%s的一个简单办法",
      "%s值得继续关注的地方",
      "%s与相关问题的联系");

  static final List<String> QUESTION_ITEMS = List.of(
      "%s最早是怎样出现的",
      "%s为什么值得关注",
      "普通人可以怎样接触%s",
      "%s今后可能怎样变化",
      "关于%s最常被问到的是什么",
      "%s和我们的生活有什么关系");

  static final List<String> STEP_ITEMS = List.of(
      "明确和%s相关的目标",
      "列出需要准备的东西和时间",
      "先小规模试行%s",
      "记录试行中遇到的问题",
      "根据反馈调整%s的安排",
      "全面推开并定期回顾");

  static final List<String> SHORT_ITEMS = List.of("先定目标", "再做准备", "小步试行", "及时调整", "定期回顾",
      "记录得失", "请人把关", "坚持下去");

  static final List<String> ITEM_REASONS = List.of(
      "这样做能让%s更容易落实",
      "它让人对%s有更直观的认识",
      "成本不高，却能明显改善%s",
      "这是理解%s最直接的一步",
      "它能及早发现%s中的问题");

  /** Leads per kind of task: %1$s the subject, %2$s a count. */
  static final Map<String, List<String>> TASK_LEADS = Map.ofEntries(
      Map.entry("LIST", List.of("关于%1$s，下面列出%2$s条。", "围绕%1$s，这里整理了%2$s条。")),
      Map.entry("EMAIL", List.of("您好！这封信想和您谈谈%1$s。", "您好！写这封信是为了%1$s。")),
      Map.entry("STORY", List.of("故事要从%1$s说起。", "这个小故事围绕%1$s展开。")),
      Map.entry("POEM", List.of("这几行诗写的是%1$s。", "诗句围绕%1$s慢慢铺开。")),
      Map.entry("SUMMARY", List.of("这段内容讲的是%1$s。", "概括起来，这段文字谈的是%1$s。")),
      Map.entry("TRANSLATION", List.of("这是关于%1$s的译文。", "下面给出%1$s的翻译。")),
      Map.entry("COMPARISON", List.of("这里把%1$s放在一起比较。", "下面对%1$s做一个对比。")),
      Map.entry("PLAN", List.of("这份方案围绕%1$s展开。", "下面的安排针对的是%1$s。")),
      Map.entry("CODE", List.of("解决%1$s的代码应当简洁、便于测试。", "处理%1$s时，先把边界情况想清楚。")),
      Map.entry("CALCULATION", List.of("计算%1$s要从题目给出的数量入手。", "这道题的关键是把%1$s的数量关系理清楚。")),
      Map.entry("EXPLANATION", List.of("要弄明白%1$s，关键在于几个相互关联的道理。", "%1$s背后的道理可以分几层来看。")),
      Map.entry("ANSWER", List.of("这个回答谈的是%1$s。", "这里的重点是%1$s。")));

  /** More sentences per kind: %1$s the subject, %3$s and %4$s two topics of the task. */
  static final Map<String, List<String>> TASK_MORE = Map.ofEntries(
      Map.entry("LIST", List.of("每一条都可以单独尝试，也可以和其他几条配合使用。",
          "先从最容易上手的一条开始，再逐步扩展到%3$s的其他方面。")),
      Map.entry("EMAIL", List.of("关于%3$s，我想先把情况简单说明一下。", "如果您对%4$s有任何想法，欢迎随时告诉我。")),
      Map.entry("STORY", List.of("一开始，谁也没有想到%3$s会带来这么大的变化。", "后来，大家才慢慢明白%4$s的意义。")),
      Map.entry("POEM", List.of("风吹过的时候，%3$s也微微地摇晃。", "时光流转，%4$s留在了心里。")),
      Map.entry("SUMMARY", List.of("文中先交代了%3$s，再谈到%4$s。", "核心意思可以归结为%3$s与%4$s之间的关系。")),
      Map.entry("TRANSLATION", List.of("译文力求忠实于原意，同时读起来自然通顺。", "个别词语根据上下文做了调整。")),
      Map.entry("COMPARISON", List.of("两者各有长处，%3$s在一些方面更有优势。", "选哪一个，要看具体情况下最看重什么。")),
      Map.entry("PLAN", List.of("方案从准备开始，经过试行，再到对%3$s的回顾。", "每个阶段都有明确的目标，%4$s的进展清清楚楚。")),
      Map.entry("CODE", List.of("先处理空输入和只有一个元素的情况，再进入主循环。", "代码的每一部分只负责%3$s的一个环节，便于阅读。")),
      Map.entry("CALCULATION", List.of("各个数量一步一步地组合起来，单位始终跟着数字走。", "算完之后再对照题目检查，看结果是否合理。")),
      Map.entry("EXPLANATION", List.of("第一层是%3$s本身，第二层是它和%4$s的关系。", "把%3$s和%4$s放在一起看，大部分现象就说得通了。")),
      Map.entry("ANSWER", List.of("主要的几点都和%3$s以及%4$s有关。", "%3$s和%4$s都值得仔细看一看。")));

  /** What the answer is, per kind, for sentences about it. */
  static final Map<String, String> ARTEFACTS = Map.ofEntries(
      Map.entry("LIST", "清单"), Map.entry("EMAIL", "信"), Map.entry("STORY", "故事"), Map.entry("POEM", "诗"),
      Map.entry("SUMMARY", "概括"), Map.entry("TRANSLATION", "译文"), Map.entry("COMPARISON", "比较"),
      Map.entry("PLAN", "方案"), Map.entry("CODE", "解答"), Map.entry("CALCULATION", "解答"),
      Map.entry("EXPLANATION", "说明"), Map.entry("ANSWER", "回答"));

  static final List<String> SIGN_OFFS = List.of("此致，小林。", "祝好，小王。", "顺颂时祺，小陈。", "祝一切顺利，小张。");

  static final List<String> REFERENCES = List.of(
      "何立、罗青，《实用推理札记》，二〇一九年",
      "欧阳文，《清晰写作指南》，二〇二一年",
      "林晓，《日常决策浅说》，二〇一八年",
      "莫云、谭明，《一步一步地思考》，二〇二〇年",
      "安德，《难题的朴素解答》，二〇二二年");

  static final String REFERENCES_TITLE = "参考文献：";

  static final String TABLE_HEADER = "| 序号 | 要点 |";

  /** Terms for a task-word choice when the task itself has no content word left to offer. */
  static final List<String> FALLBACK_TERMS = List.of(
      "韧性", "权衡", "基准", "反馈", "原型", "底线", "里程碑", "瓶颈", "迭代", "可持续性", "透明度", "可扩展性");

  /** Clauses that make the expanded description of a seed more specific. */
  static final List<String> CONTEXTS = List.of(
      "用于社区通讯", "用作工作坊讲义", "用于团队晨会", "用于学校集会", "用作周末杂志专栏",
      "用于内部知识库", "用作播客提纲", "用于图书馆展板", "面向志愿者小组", "用于本地电台节目",
      "用于培训课程", "用作网课单元", "用作博物馆宣传页", "面向社区居委会", "用于科技节展台",
      "用于公司博客", "面向学习小组", "用于居民议事会", "用作旅行指南插页", "用于夜校课堂",
      "用于导师面谈", "面向学生社团", "面向小型公益机构", "用于家庭聚会", "面向读书会",
      "用作会议海报", "用于产品团队复盘", "用于早间新闻摘要", "用于招聘会", "面向兴趣论坛",
      "用于市政简报", "用作新人欢迎手册", "用于实地考察", "用于慈善募捐活动", "用于办公室公告栏",
      "面向青少年活动中心", "用于电台热线节目", "用作地方节庆手册");
}
